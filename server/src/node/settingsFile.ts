import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSettings, type Settings } from '../core/settings';

export const SETTINGS_FILE = '.kube-expose.json';

/**
 * The JSON of `.kube-expose.json` at the root, undefined when there is none or it cannot be read; why it cannot
 * be read is in `problems`, never thrown.
 */
export function readSettingsSource(root: string): { raw: unknown; problems: string[] } {
  const path = join(root, SETTINGS_FILE);
  if (!existsSync(path)) return { raw: undefined, problems: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { raw: undefined, problems: [`${SETTINGS_FILE} cannot be read (${error instanceof Error ? error.message : String(error)})`] };
  }
  try {
    return { raw: JSON.parse(text) as unknown, problems: [] };
  } catch (error) {
    return { raw: undefined, problems: [`${SETTINGS_FILE} is not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
}

/** Reads `.kube-expose.json` at the root, if any; problems in it are returned, never thrown. */
export function readSettingsFile(root: string): { settings: Settings; problems: string[] } {
  const { raw, problems } = readSettingsSource(root);
  return { settings: readSettings(raw, problems), problems };
}
