import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LanguageService } from '../../server/src/core/features/languageService';
import type { Location } from '../../server/src/core/features/types';
import { readSettings } from '../../server/src/core/settings';
import type { Position } from '../../server/src/core/types';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { EXAMPLE } from './paths';

/** In-memory workspaces of the example for the editor-feature tests, with a caret (‸) marking the cursor. */
export const ROOT = '/repo';
export const CARET = '‸';

export const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
export const PROXY = 'inventories/protobox/kube_gateway_pool/proxy.yml';
export const APPS = 'inventories/protobox/group_vars/all/apps.yml';
export const HOSTS = 'inventories/protobox/hosts.yml';
export const SERVICE = 'k8s/postgresql/pgadmin-service.yml';

export function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(EXAMPLE, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(EXAMPLE);
  return files;
}

export interface Setup {
  readonly workspace: Workspace;
  readonly service: LanguageService;
  readonly texts: Record<string, string>;
  /** Where the caret (‸) was in the one file that has it. */
  readonly path: string;
  readonly position: Position;
}

/** A workspace of the example's files with some replaced; one file marks the cursor with ‸ (removed from the text). */
export function setup(overrides: Record<string, string | undefined>): Setup {
  const texts: Record<string, string> = {};
  let caret: { path: string; position: Position } | undefined;
  for (const [path, raw] of Object.entries({ ...exampleFiles(), ...overrides })) {
    if (raw === undefined) continue;
    const at = raw.indexOf(CARET);
    const text = at < 0 ? raw : raw.slice(0, at) + raw.slice(at + CARET.length);
    if (at >= 0) {
      const before = raw.slice(0, at);
      caret = { path, position: { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 } };
    }
    texts[path] = text;
  }
  const workspace = new Workspace(ROOT, readSettings(undefined));
  for (const [path, text] of Object.entries(texts)) workspace.stage(`${ROOT}/${path}`, { text });
  workspace.commit();
  return { workspace, service: new LanguageService(workspace), texts, path: `${ROOT}/${caret?.path ?? ''}`, position: caret?.position ?? { line: 0, character: 0 } };
}

/** `file` with ‸ put before the `index`-th occurrence of `needle`, `shift` characters in. */
export function mark(text: string, needle: string, shift = 0, index = 0): string {
  let at = -1;
  for (let i = 0; i <= index; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  return text.slice(0, at + shift) + CARET + text.slice(at + shift);
}

/** Sets the caret in one example file. */
export function caretIn(path: string, needle: string, shift = 0, index = 0): Setup {
  const text = exampleFiles()[path] ?? '';
  return setup({ [path]: mark(text, needle, shift, index) });
}

/** A location as `relative/path:line:character` (1-based line, 0-based character, as an editor shows). */
export function where(location: Location): string {
  return `${location.file.slice(ROOT.length + 1)}:${location.range.start.line + 1}:${location.range.start.character}`;
}
