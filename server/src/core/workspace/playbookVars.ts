import type { FileModel } from '../model/files';

/** The files of each environment, Service manifests aside, and which environments each playbook folder serves. */
export function environmentMembers(files: Iterable<FileModel>): { members: Map<string, FileModel[]>; served: Map<string, readonly string[]> } {
  const members = new Map<string, FileModel[]>();
  for (const file of files) {
    if (file.kind === 'kubernetes' || file.env === undefined) continue;
    const list = members.get(file.env);
    if (list) list.push(file);
    else members.set(file.env, [file]);
  }
  return { members, served: playbookVars(members) };
}

/**
 * Folds the vars Ansible reads beside the playbooks into the environments of the inventories they serve, and
 * returns which those are. A folder whose only files are `group_vars/` and `host_vars/` and that holds
 * environments below it (the repository root of `site.yml`, `group_vars/`, `inventories/<env>/`) is a playbook
 * folder: Ansible reads its vars for every inventory a playbook there runs with, after the inventory's own vars
 * at each level. Such a folder is not an environment of its own.
 */
function playbookVars(members: Map<string, FileModel[]>): Map<string, readonly string[]> {
  const served = new Map<string, readonly string[]>();
  const inventories = [...members].filter(([, files]) => files.some((file) => file.inventory !== undefined)).map(([env]) => env);
  for (const [folder, files] of members) {
    if (files.some((file) => file.inventory !== undefined || !isVarsFolderFile(folder, file))) continue;
    const below = inventories.filter((env) => env !== folder && (folder === '.' || env.startsWith(`${folder}/`)));
    if (below.length === 0) continue;
    for (const env of below) members.get(env)?.push(...files);
    members.delete(folder);
    served.set(folder, below);
  }
  return served;
}

function isVarsFolderFile(folder: string, file: FileModel): boolean {
  const rest = folder === '.' ? file.relativePath : file.relativePath.slice(folder.length + 1);
  return rest.startsWith('group_vars/') || rest.startsWith('host_vars/');
}
