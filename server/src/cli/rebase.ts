import { relative, sep } from 'node:path';
import type { Diagnostic } from '../core/types';

/** A path as the output shows it: relative to the current folder, with forward slashes. */
export function shownPath(file: string, cwd: string): string {
  return (relative(cwd, file) || '.').split(sep).join('/');
}

/** A word of a message that may be a workspace-relative path (`k8s/a.yml:12`, `inventories/x/hosts.`). */
const PATH_WORD = /(?<=^|[\s(`'"])[^\s()`'",:]*\/[^\s()`'",:]*/g;

/**
 * The diagnostic with the hops its message names (written relative to its workspace's root, as the editor
 * shows them) rewritten relative to the current folder, like its own file: one base for every path printed.
 */
export function rebaseMessage(diagnostic: Diagnostic, root: string, cwd: string, isFile: (path: string) => boolean): Diagnostic {
  const base = root.endsWith('/') ? root : `${root}/`;
  const message = diagnostic.message.replace(PATH_WORD, (word) => {
    const trimmed = word.replace(/\.+$/, '');
    const path = `${base}${trimmed}`;
    return isFile(path) ? `${shownPath(path, cwd)}${word.slice(trimmed.length)}` : word;
  });
  return message === diagnostic.message ? diagnostic : { ...diagnostic, message };
}
