import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readSettings } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { FIXTURES } from './paths';

/** Where in-memory workspaces of the tests are rooted. */
export const MEMORY_ROOT = '/ws';

/** A workspace of in-memory files (paths relative to MEMORY_ROOT), staged in `order` and committed once. */
export function workspaceOf(files: ReadonlyMap<string, string>, order: readonly string[] = [...files.keys()], settings = readSettings(undefined)): Workspace {
  const workspace = new Workspace(MEMORY_ROOT, settings);
  for (const path of order) {
    const text = files.get(path);
    if (text !== undefined) workspace.stage(`${MEMORY_ROOT}/${path}`, { text });
  }
  workspace.commit();
  return workspace;
}

/** A fixture's files by their path in it (renamed if asked), without its expected.json and NOTES.md. */
export function fixtureFiles(fixture: string, rename: (path: string) => string = (path) => path): Map<string, string> {
  const files = new Map<string, string>();
  const base = join(FIXTURES, fixture);
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'expected.json' && entry.name !== 'NOTES.md') files.set(rename(relative(base, path)), readFileSync(path, 'utf8'));
    }
  };
  walk(base);
  return files;
}
