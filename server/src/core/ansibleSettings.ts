import type { AnsibleConfig } from './ansibleConfig';
import type { FileGlobs, Settings } from './settings';

/**
 * The settings with an ansible.cfg applied: the inventory sources it names are read as inventories (a folder:
 * its inventory files, group_vars and host_vars), besides the layouts the `files` globs already find.
 */
export function withAnsibleConfig(settings: Settings, config: AnsibleConfig): Settings {
  const files: FileGlobs = {
    ...settings.files,
    inventory: [...settings.files.inventory, ...config.inventory.flatMap((path) => [path, `${path}/hosts`, `${path}/*.{ini,yml,yaml}`])],
    vars: [...settings.files.vars, ...config.inventory.map((path) => `${path}/{group_vars,host_vars}/**/*.{yml,yaml,json}`)],
  };
  return { ...settings, files, ansible: config };
}
