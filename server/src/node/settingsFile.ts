import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSettings, type Settings } from '../core/settings';

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
