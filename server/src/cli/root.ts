import { existsSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { SETTINGS_FILE } from '../node/settingsFile';

/** What marks the top of an Ansible repository, as Ansible (ansible.cfg, the inventory) and git see it. */
const FILE_MARKERS = ['ansible.cfg', SETTINGS_FILE, '.git'];
const FOLDER_MARKERS = ['inventories', 'inventory'];

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The repository a path is checked within: the nearest folder upwards (the path itself for a folder) holding
 * ansible.cfg, .kube-expose.json, an inventories/ or inventory/ folder, or .git. Without one, a folder is its
 * own root and a file's folder is.
 */
export function repositoryRoot(path: string, directory: boolean): string {
  const start = directory ? path : dirname(path);
  for (let current = start; ; current = dirname(current)) {
    if (FILE_MARKERS.some((name) => existsSync(join(current, name))) || FOLDER_MARKERS.some((name) => isFolder(join(current, name)))) return current;
    if (dirname(current) === current) return start;
  }
}

/** The deepest folder holding all of them, where one run's reports are rooted (SARIF's %SRCROOT%). */
export function commonRoot(directories: readonly string[], fallback: string): string {
  const [first, ...rest] = directories;
  if (first === undefined) return fallback;
  let parts = first.split(sep);
  for (const directory of rest) {
    const other = directory.split(sep);
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join(sep) || sep;
}
