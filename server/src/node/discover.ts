import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { finish } from '../core/util';
import { errorCode } from './readText';

export interface Discovery {
  readonly files: string[];
  /** Paths that were passed over, with why: a user should hear about them once. */
  readonly skipped: { readonly path: string; readonly reason: string }[];
}

const MAX_DEPTH = 64;
/** Links can make a folder reachable by exponentially many paths: each is read by at most this many. */
const MAX_PATHS_PER_FOLDER = 16;

/**
 * Lists the files below `root` that `wants` accepts. Symbolic links are followed only while they
 * stay inside `root`; a folder is listed under every path that reaches it, except through a link to one of
 * its own ancestors, so link loops end.
 */
export function discover(root: string, wants: (path: string) => boolean, excluded: (path: string) => boolean): Discovery {
  return finish(discoverInSteps(root, wants, excluded));
}

/** discover, a folder at a time: the cold index serves an editor's messages between folders. */
export function* discoverInSteps(root: string, wants: (path: string) => boolean, excluded: (path: string) => boolean): Generator<undefined, Discovery, undefined> {
  const result: Discovery = { files: [], skipped: [] };
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch (error) {
    result.skipped.push({ path: root, reason: `cannot be read (${errorCode(error)})` });
    return result;
  }
  // Only a link back to a folder being read (an ancestor) is a loop: a folder shared through links by two
  // environments (`staging/group_vars/all -> ../../prod/group_vars/all`) belongs to both.
  const ancestors: string[] = [];
  const visits = new Map<string, number>();
  const walk = function* (directory: string, depth: number): Generator<undefined, void, undefined> {
    let real: string;
    try {
      real = realpathSync(directory);
    } catch (error) {
      result.skipped.push({ path: directory, reason: `cannot be read (${errorCode(error)})` });
      return;
    }
    const ancestor = ancestors.find((candidate) => candidate === real);
    if (ancestor !== undefined) {
      result.skipped.push({ path: directory, reason: `symbolic link loop: it leads back to ${ancestor}, a folder that contains it` });
      return;
    }
    const seen = visits.get(real) ?? 0;
    if (seen >= MAX_PATHS_PER_FOLDER) {
      result.skipped.push({ path: directory, reason: `the folder ${real} is reached by more than ${MAX_PATHS_PER_FOLDER} paths through symbolic links` });
      return;
    }
    visits.set(real, seen + 1);
    if (depth > MAX_DEPTH) {
      result.skipped.push({ path: directory, reason: `nested deeper than ${MAX_DEPTH} folders` });
      return;
    }
    ancestors.push(real);
    try {
      yield* readFolder(directory, depth);
    } finally {
      ancestors.pop();
    }
  };
  const readFolder = function* (directory: string, depth: number): Generator<undefined, void, undefined> {
    let children: Dirent[];
    try {
      children = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      result.skipped.push({ path: directory, reason: `cannot be read (${errorCode(error)})` });
      return;
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    yield;
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
      if (isDirectory) yield* walk(path, depth + 1);
      else if (isFile && wants(path)) result.files.push(path);
    }
  };
  yield* walk(root, 0);
  return result;
}
