import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { LanguageService } from '../../server/src/core/features/languageService';
import { applyTextEdits } from '../../server/src/core/edit/applyText';
import type { Location, WorkspaceEdit } from '../../server/src/core/features/types';
import type { Position } from '../../server/src/core/types';
import { readSettings } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace/workspace';

/** The bundle runs from out/test/features/. */
const REPO = resolve(__dirname, '../../..');
const EXAMPLE = join(REPO, 'examples', 'protobox');
const ROOT = '/repo';
const CARET = '‸';

const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
const PROXY = 'inventories/protobox/kube_gateway_pool/proxy.yml';
const APPS = 'inventories/protobox/group_vars/all/apps.yml';
const HOSTS = 'inventories/protobox/hosts.yml';
const SERVICE = 'k8s/postgresql/pgadmin-service.yml';

function exampleFiles(): Record<string, string> {
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

interface Setup {
  readonly workspace: Workspace;
  readonly service: LanguageService;
  readonly texts: Record<string, string>;
  /** Where the caret (‸) was in the one file that has it. */
  readonly path: string;
  readonly position: Position;
}

/** A workspace of the example's files with some replaced; one file marks the cursor with ‸ (removed from the text). */
function setup(overrides: Record<string, string | undefined>): Setup {
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
function mark(text: string, needle: string, shift = 0, index = 0): string {
  let at = -1;
  for (let i = 0; i <= index; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  return text.slice(0, at + shift) + CARET + text.slice(at + shift);
}

/** Sets the caret in one example file. */
function caretIn(path: string, needle: string, shift = 0, index = 0): Setup {
  const text = exampleFiles()[path] ?? '';
  return setup({ [path]: mark(text, needle, shift, index) });
}

/** A location as `relative/path:line:character` (1-based line, 0-based character, as an editor shows). */
function where(location: Location): string {
  return `${location.file.slice(ROOT.length + 1)}:${location.range.start.line + 1}:${location.range.start.character}`;
}


/** The files' texts after the edit; each edit must replace a name only. */
function applied(texts: Record<string, string>, edit: WorkspaceEdit | undefined): Record<string, string> {
  assert.ok(edit);
  const result = { ...texts };
  for (const [path, edits] of Object.entries(edit.changes)) {
    const relativePath = path.slice(ROOT.length + 1);
    const text = texts[relativePath];
    assert.ok(text !== undefined, `${relativePath} exists`);
    result[relativePath] = applyTextEdits(text, edits);
  }
  return result;
}

function changedFiles(edit: WorkspaceEdit | undefined): string[] {
  return Object.entries(edit?.changes ?? {})
    .filter(([, edits]) => edits.length > 0)
    .map(([path]) => path.slice(ROOT.length + 1))
    .sort();
}

describe('references', () => {
  it('of an app: its route and HAProxy keys, app.<name> and every {{ app.<name>... }}', () => {
    const { service, path, position } = caretIn(ROUTES, 'pgadmin4', 2);
    assert.deepEqual(service.references(path, position, true).map(where).sort(), [`${APPS}:3:2`, `${PROXY}:1:0`, `${PROXY}:4:16`, `${PROXY}:8:20`, `${ROUTES}:1:0`].sort());
    assert.deepEqual(service.references(path, position, false).map(where).sort(), [`${PROXY}:4:16`, `${PROXY}:8:20`]);
    const fromTemplate = caretIn(PROXY, 'pgadmin4.port', 1, 1);
    assert.equal(fromTemplate.service.references(fromTemplate.path, fromTemplate.position, true).length, 5);
  });

  it('of a stream, a variable and a group', () => {
    const stream = caretIn(ROUTES, 'stream_vadmin', 2, 0);
    assert.deepEqual(stream.service.references(stream.path, stream.position, true).map(where), [`${ROUTES}:14:10`, `${ROUTES}:12:25`]);
    const variable = caretIn(APPS, 'port', 1);
    assert.deepEqual(variable.service.references(variable.path, variable.position, true).map(where), [`${APPS}:4:4`, `${PROXY}:4:25`, `${PROXY}:8:29`]);
    const group = caretIn(HOSTS, 'kube_gateway_pool', 1);
    assert.deepEqual(group.service.references(group.path, group.position, true).map(where).sort(), [`${HOSTS}:4:4`, `${PROXY}:7:12`, `${ROUTES}:16:11`].sort());
    assert.deepEqual(group.service.references(group.path, group.position, false).map(where).sort(), [`${PROXY}:7:12`, `${ROUTES}:16:11`].sort());
  });

  it('of a port: the places of its chain', () => {
    const { service, path, position } = caretIn(ROUTES, '30164', 1);
    const found = service.references(path, position, true).map(where);
    assert.ok(found.includes(`${ROUTES}:15:10`));
    assert.ok(found.includes(`${SERVICE}:12:16`));
    assert.ok(!service.references(path, position, false).map(where).includes(`${ROUTES}:15:10`));
  });
});

describe('rename', () => {
  it('renames an app in routes.yml, proxy.yml, apps.yml and every reference, as one edit of the names only', () => {
    const origins: [string, string, number, number][] = [
      [ROUTES, 'pgadmin4', 3, 0],
      [PROXY, 'pgadmin4', 0, 0],
      [APPS, 'pgadmin4', 8, 0],
      [PROXY, 'pgadmin4.port', 4, 1],
    ];
    for (const [file, needle, shift, index] of origins) {
      const { service, path, position, texts } = caretIn(file, needle, shift, index);
      const edit = service.rename(path, position, 'pgadmin');
      assert.deepEqual(changedFiles(edit), [APPS, PROXY, ROUTES].sort(), file);
      const after = applied(texts, edit);
      assert.equal(after[ROUTES], (texts[ROUTES] ?? '').replace('pgadmin4:', 'pgadmin:'));
      assert.equal(after[PROXY], (texts[PROXY] ?? '').replaceAll('pgadmin4', 'pgadmin'));
      assert.equal(after[APPS], (texts[APPS] ?? '').replace('pgadmin4', 'pgadmin'));
      assert.equal(after[SERVICE], texts[SERVICE], 'the Service is matched by port, not renamed');
      for (const edits of Object.values(edit?.changes ?? {})) for (const change of edits) assert.equal(change.newText, 'pgadmin');
    }
  });

  it('keeps quotes, and writes a hyphenated name as app[\'name\'] inside {{ }}', () => {
    const quoted = (exampleFiles()[PROXY] ?? '').replace('pgadmin4:', '"pgadmin4":');
    const { service, path, position, texts } = setup({ [PROXY]: mark(quoted, 'pgadmin4', 2) });
    const prepared = service.prepareRename(path, position);
    assert.deepEqual(prepared, { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 9 } }, placeholder: 'pgadmin4' });
    const after = applied(texts, service.rename(path, position, 'pg-admin'));
    assert.equal(after[PROXY], quoted.replace('"pgadmin4":', '"pg-admin":').replaceAll('app.pgadmin4.port', "app['pg-admin'].port"));
    assert.equal(after[ROUTES], (texts[ROUTES] ?? '').replace('pgadmin4:', 'pg-admin:'));
    assert.equal(after[APPS], (texts[APPS] ?? '').replace('pgadmin4:', 'pg-admin:'));
    // And back: a bracketed reference keeps its brackets.
    const back = setup({ ...after, [APPS]: mark(after[APPS] ?? '', 'pg-admin', 1) });
    const restored = applied(back.texts, back.service.rename(back.path, back.position, 'pgadmin4'));
    assert.equal(restored[PROXY], quoted.replaceAll('app.pgadmin4.port', "app['pgadmin4'].port"));
  });

  it('renames a stream in stream.name and every proxy_pass, keeping the path after it', () => {
    const routes = (exampleFiles()[ROUTES] ?? '').replace('values: http://stream_vadmin', 'values: "http://stream_vadmin/admin"');
    const { service, path, position, texts } = setup({ [ROUTES]: mark(routes, 'stream_vadmin', 3, 1) });
    const edit = service.rename(path, position, 'stream_pgadmin');
    assert.deepEqual(changedFiles(edit), [ROUTES]);
    assert.equal(applied(texts, edit)[ROUTES], routes.replaceAll('stream_vadmin', 'stream_pgadmin'));
  });

  it('renames a variable at its definition and in every {{ }}, in any file of the environment', () => {
    const apps = 'gateway:\n  base: 30100\napp:\n  pgadmin4:\n    port: 30165\n';
    const proxy = (exampleFiles()[PROXY] ?? '').replace('address: "*"', 'address: "{{ gateway.base }}-{{ gateway.base|string }}"');
    const { service, path, position, texts } = setup({ [APPS]: apps, [PROXY]: mark(proxy, 'base', 2, 1) });
    assert.deepEqual(service.prepareRename(path, position)?.placeholder, 'base');
    const after = applied(texts, service.rename(path, position, 'first_port'));
    assert.equal(after[APPS], apps.replace('base:', 'first_port:'));
    assert.equal(after[PROXY], proxy.replaceAll('gateway.base', 'gateway.first_port'));
    assert.throws(() => service.rename(path, position, 'first-port'), /"first-port" is not a valid variable name/);
  });

  it('renames a group in YAML and INI inventories (headers, :vars, :children) and every use', () => {
    const ini = '[kube_gateway_pool]\ngateway-1\n\n[kube_gateway_pool:vars]\nhaproxy_maxconn=2000\n\n[webservers_pool]\nweb-1\n\n[edge:children]\nkube_gateway_pool\nwebservers_pool\n';
    const { service, path, position, texts } = setup({ [HOSTS]: undefined, 'inventories/protobox/hosts.ini': ini, [ROUTES]: mark(exampleFiles()[ROUTES] ?? '', 'kube_gateway_pool', 2) });
    const edit = service.rename(path, position, 'k8s_nodes');
    assert.deepEqual(changedFiles(edit), ['inventories/protobox/hosts.ini', PROXY, ROUTES].sort());
    const after = applied(texts, edit);
    assert.equal(after['inventories/protobox/hosts.ini'], ini.replaceAll('kube_gateway_pool', 'k8s_nodes'));
    assert.equal(after[PROXY], (texts[PROXY] ?? '').replace('name: kube_gateway_pool', 'name: k8s_nodes'));
    const yaml = caretIn(HOSTS, 'webservers_pool', 2);
    const renamed = applied(yaml.texts, yaml.service.rename(yaml.path, yaml.position, 'web'));
    assert.equal(renamed[HOSTS], (yaml.texts[HOSTS] ?? '').replace('webservers_pool', 'web'));
  });

  it('refuses invalid names and names that already exist, with a clear message', () => {
    const routes = `${exampleFiles()[ROUTES] ?? ''}grafana:\n  webserver:\n    - location: /grafana/\n  stream:\n    name: stream_grafana\n    port: 3000\n    group: webservers_pool\n`;
    const app = setup({ [ROUTES]: mark(routes, 'pgadmin4', 1) });
    assert.throws(() => app.service.rename(app.path, app.position, 'bad name'), /"bad name" is not a valid app name/);
    assert.throws(() => app.service.rename(app.path, app.position, '4admin'), /not a valid app name/);
    assert.throws(() => app.service.rename(app.path, app.position, 'grafana'), /An app named "grafana" already exists in environment protobox/);
    assert.throws(() => app.service.rename(app.path, app.position, 'null'), /YAML would read it as a boolean or null/);
    assert.deepEqual(app.service.rename(app.path, app.position, 'pgadmin4'), { changes: {} });
    const stream = setup({ [ROUTES]: mark(routes, 'stream_vadmin', 1, 1) });
    assert.throws(() => stream.service.rename(stream.path, stream.position, 'stream_grafana'), /A stream named "stream_grafana" already exists/);
    const group = setup({ [ROUTES]: mark(routes, 'kube_gateway_pool', 1) });
    assert.throws(() => group.service.rename(group.path, group.position, 'webservers_pool'), /A group named "webservers_pool" already exists/);
    assert.throws(() => group.service.rename(group.path, group.position, 'all'), /a group Ansible defines by itself/);
    const variable = setup({ [APPS]: 'other: 1\napp:\n  pgadmin4:\n    port: 30165\n', [PROXY]: mark(exampleFiles()[PROXY] ?? '', 'app.', 1) });
    assert.throws(() => variable.service.rename(variable.path, variable.position, 'other'), /A variable named "other" already exists/);
  });

  it('can rename only names: not ports, schema keys, Ansible\'s own groups and magic variables', () => {
    for (const [file, needle, shift] of [[ROUTES, '30164', 1], [PROXY, 'balance', 1], [HOSTS, 'all', 1], [SERVICE, 'pgadmin', 1]] as const) {
      const { service, path, position } = caretIn(file, needle, shift);
      assert.equal(service.prepareRename(path, position), undefined, `${file} ${needle}`);
      assert.equal(service.rename(path, position, 'x'), undefined);
    }
    const magic = setup({ [PROXY]: mark((exampleFiles()[PROXY] ?? '').replace('address: "*"', 'address: "{{ inventory_hostname }}"'), 'inventory_hostname', 2) });
    assert.equal(magic.service.prepareRename(magic.path, magic.position), undefined);
  });

  it('stays inside the environment', () => {
    const files = exampleFiles();
    const staging: Record<string, string> = {};
    for (const [path, text] of Object.entries(files)) if (path.startsWith('inventories/protobox/')) staging[path.replace('protobox', 'staging')] = text;
    const { service, path, position } = setup({ ...staging, [ROUTES]: mark(files[ROUTES] ?? '', 'pgadmin4', 1) });
    assert.deepEqual(changedFiles(service.rename(path, position, 'pgadmin')), [APPS, PROXY, ROUTES].sort());
  });
});
