/** What Kube Expose takes from an `ansible.cfg`: where the inventories are, and how dicts combine. */
export interface AnsibleConfig {
  readonly hashBehaviour: 'replace' | 'merge';
  /** `[defaults] inventory`, each path relative to the folder of the cfg file, as written. */
  readonly inventory: readonly string[];
}

export const DEFAULT_ANSIBLE_CONFIG: AnsibleConfig = { hashBehaviour: 'replace', inventory: [] };

/** Reads the `[defaults]` section of an ansible.cfg (INI, `#` and `;` comments, `key = value` or `key: value`). */
export function parseAnsibleConfig(text: string): AnsibleConfig {
  let section = '';
  let hashBehaviour: AnsibleConfig['hashBehaviour'] = 'replace';
  let inventory: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(trimmed);
    if (header) {
      section = (header[1] ?? '').trim();
      continue;
    }
    if (section !== 'defaults') continue;
    const assignment = /^([A-Za-z_]+)\s*[=:]\s*(.*)$/.exec(trimmed);
    const key = assignment?.[1]?.toLowerCase();
    const value = (assignment?.[2] ?? '').replace(/\s+[#;].*$/, '').trim();
    if (key === 'hash_behaviour') hashBehaviour = value.toLowerCase() === 'merge' ? 'merge' : 'replace';
    if (key === 'inventory') inventory = value.split(',').map((path) => path.trim().replace(/^\.\//, '').replace(/\/+$/, '')).filter((path) => path && !path.startsWith('/') && !path.startsWith('~'));
  }
  return { hashBehaviour, inventory };
}
