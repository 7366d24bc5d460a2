import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits } from '../../server/src/core/edit/applyText';
import type { WorkspaceEdit } from '../../server/src/core/features/types';
import { ROOT, ROUTES, PROXY, APPS, HOSTS, SERVICE, exampleFiles, setup, mark, caretIn, where } from '../helpers/exampleSetup';

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
