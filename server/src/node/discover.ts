import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { errorCode } from './readText';

export interface Discovery {
  readonly files: string[];
  /** Paths that were passed over, with why: a user should hear about them once. */
  readonly skipped: { readonly path: string; readonly reason: string }[];
}

const MAX_DEPTH = 64;

/**
 * Lists the files below `root` that `wants` accepts. Symbolic links are followed only while they
 * stay inside `root`, and each real directory is entered once, so link loops end.
 */
export function discover(root: string, wants: (path: string) => boolean, excluded: (path: string) => boolean): Discovery {
  const result: Discovery = { files: [], skipped: [] };
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch (error) {
    result.skipped.push({ path: root, reason: `cannot be read (${errorCode(error)})` });
    return result;
  }
  const visited = new Set<string>();
  const walk = (directory: string, depth: number): void => {
    let real: string;
    try {
      real = realpathSync(directory);
    } catch (error) {
      result.skipped.push({ path: directory, reason: `cannot be read (${errorCode(error)})` });
      return;
    }
    if (visited.has(real)) {
      result.skipped.push({ path: directory, reason: 'symbolic link loop: the folder was already read' });
      return;
    }
    visited.add(real);
    if (depth > MAX_DEPTH) {
      result.skipped.push({ path: directory, reason: `nested deeper than ${MAX_DEPTH} folders` });
      return;
    }
    let children: Dirent[];
    try {
      children = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      result.skipped.push({ path: directory, reason: `cannot be read (${errorCode(error)})` });
      return;
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      const path = join(directory, child.name);
      if (excluded(path) || excluded(`${path}/`)) continue;
      let isDirectory = child.isDirectory();
      let isFile = child.isFile();
      if (child.isSymbolicLink()) {
        try {
          const target = realpathSync(path);
          if (target !== realRoot && !target.startsWith(`${realRoot}/`)) {
            result.skipped.push({ path, reason: 'symbolic link to outside the workspace' });
            continue;
          }
          const stats = statSync(path);
          isDirectory = stats.isDirectory();
          isFile = stats.isFile();
        } catch (error) {
          const code = errorCode(error);
          result.skipped.push({ path, reason: code === 'ELOOP' ? 'symbolic link loop' : `broken symbolic link (${code})` });
          continue;
        }
      }
      if (isDirectory) walk(path, depth + 1);
      else if (isFile && wants(path)) result.files.push(path);
    }
  };
  walk(root, 0);
  return result;
}
