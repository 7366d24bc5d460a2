import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSettings, type Settings } from '../core/settings';
import { Workspace } from '../core/workspace/workspace';
import { discover, type Discovery } from './discover';
import { readText } from './readText';

export const SETTINGS_FILE = '.kube-expose.json';

/** Reads `.kube-expose.json` at the root, if any; problems in it are returned, never thrown. */
export function readSettingsFile(root: string): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const path = join(root, SETTINGS_FILE);
  if (!existsSync(path)) return { settings: readSettings(undefined), problems };
  try {
    return { settings: readSettings(JSON.parse(readFileSync(path, 'utf8')) as unknown, problems), problems };
  } catch (error) {
    problems.push(`${SETTINGS_FILE} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    return { settings: readSettings(undefined), problems };
  }
}

/** Discovers, reads and checks every file of interest below `root`. */
export function loadWorkspace(root: string, settings: Settings, onFile?: (done: number, total: number) => void): { workspace: Workspace; discovery: Discovery } {
  const workspace = new Workspace(root, settings);
  const discovery = discover(root, (path) => workspace.wants(path), (path) => workspace.isExcluded(path));
  discovery.files.forEach((path, index) => {
    workspace.stage(path, readText(path, settings.maxFileSize));
    onFile?.(index + 1, discovery.files.length);
  });
  workspace.commit();
  return { workspace, discovery };
}
