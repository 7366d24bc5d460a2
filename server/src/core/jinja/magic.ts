/** Variables that Ansible defines by itself: a reference to them is never `unknown-variable`. */
const MAGIC = new Set([
  'hostvars', 'groups', 'group_names', 'inventory_hostname', 'inventory_hostname_short', 'inventory_dir',
  'inventory_file', 'playbook_dir', 'role_path', 'role_name', 'item', 'omit', 'environment', 'vars',
  'ansible_play_hosts', 'ansible_play_batch', 'play_hosts', 'lookup', 'query', 'q', 'range', 'true', 'false',
  'True', 'False', 'none', 'None', 'loop', 'lookup',
]);

export function isMagicVariable(root: string): boolean {
  return MAGIC.has(root) || root.startsWith('ansible_');
}
