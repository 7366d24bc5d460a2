import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ANSIBLE_CONFIG, parseAnsibleConfig, type AnsibleConfig } from '../core/ansibleConfig';
import { withAnsibleConfig } from '../core/ansibleSettings';
import { readSettings, type Settings } from '../core/settings';
import { normalizeSettingsFile } from '../core/settingsKeys';

export const SETTINGS_FILE = '.kube-expose.json';

/**
 * The settings of `.kube-expose.json` at the root, as nested objects whichever form they were written in;
 * undefined when there is none or it cannot be read. Why it cannot be read, and names that are no setting,
 * are in `problems`, never thrown.
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    return { raw: undefined, problems: [`${SETTINGS_FILE} is not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  const problems: string[] = [];
  const raw = normalizeSettingsFile(parsed, problems);
  return { raw, problems };
}

/**
 * Reads `.kube-expose.json` and `ansible.cfg` at the root, if any, as the command line does: every setting is
 * named as the file spells it. Problems in them are returned, never thrown.
 */
export function readSettingsFile(root: string): { settings: Settings; problems: string[] } {
  const { raw, problems } = readSettingsSource(root);
  return { settings: withAnsibleConfig(readSettings(raw, problems, 'all'), readAnsibleConfig(root, problems)), problems };
}

/** The ansible.cfg at the root as Ansible would read it when run from there; the defaults without one. */
export function readAnsibleConfig(root: string, problems: string[] = []): AnsibleConfig {
  const path = join(root, 'ansible.cfg');
  if (!existsSync(path)) return DEFAULT_ANSIBLE_CONFIG;
  try {
    return parseAnsibleConfig(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push(`ansible.cfg cannot be read (${error instanceof Error ? error.message : String(error)})`);
    return DEFAULT_ANSIBLE_CONFIG;
  }
}
