/**
 * Said once per index of a folder whose YAML files Kube Expose reads but where it finds no Ansible inventory:
 * Services are still checked, but no chain is, and a silent editor would look like a clean repository.
 */
export function noInventoryMessage(root: string): string {
  return (
    `No Ansible inventory found in ${root}, so no chain (Nginx -> HAProxy -> Service) is checked; only the Services are. ` +
    'Kube Expose looks for inventories/<env>/, inventory/, environments/<env>/, the inventory of ansible.cfg ([defaults] inventory), ' +
    'and any hosts, *.ini or YAML file shaped as an inventory. Name yours in ansible.cfg, or with the setting kubeExpose.files.inventory ' +
    '(files.inventory in .kube-expose.json).'
  );
}
