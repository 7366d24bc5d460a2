import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findExpressions } from '../../server/src/core/jinja/template';
import { memoryWorkspace, summary } from '../helpers/memory';

describe('Jinja references', () => {
  it('reads a dotted path and its filters with exact spans', () => {
    const source = '"{{ app.pgadmin4.port | int }}"';
    const [expression] = findExpressions(source, 100);
    assert.equal(expression?.path, 'app.pgadmin4.port');
    assert.deepEqual(expression?.pathSpan, { start: 104, end: 121 });
    assert.deepEqual(expression?.span, { start: 101, end: 130 });
    assert.deepEqual(expression?.filters.map((filter) => filter.name), ['int']);
    assert.equal(expression?.simple, true);
  });

  it('reads default() literals and bracket paths', () => {
    const [withDefault] = findExpressions("{{ ports['grafana'] | default(3000) }}", 0);
    assert.equal(withDefault?.path, 'ports.grafana');
    assert.equal(withDefault?.filters[0]?.literal, 3000);
    assert.deepEqual(withDefault?.filters[0]?.literalSpan, { start: 30, end: 34 });
  });

  it('keeps, beside what Jinja reads, the path a hyphen would make (app.pg-admin4.port)', () => {
    const [hyphenated] = findExpressions('"{{ app.pg-admin4.port }}"', 10);
    assert.equal(hyphenated?.path, 'app.pg');
    assert.equal(hyphenated?.simple, false);
    assert.deepEqual(hyphenated?.hyphenated, { path: 'app.pg-admin4.port', span: { start: 14, end: 32 } });
    assert.equal(findExpressions('{{ base - 1 }}', 0)[0]?.hyphenated, undefined, 'a subtraction with spaces is one');
    assert.equal(findExpressions('{{ app.web.port }}', 0)[0]?.hyphenated, undefined);
  });

  it('marks expressions with operators as not simple and finds several per scalar', () => {
    const found = findExpressions('{{ base + 1 }}-{{ other }}', 0);
    assert.deepEqual(found.map((expression) => [expression.path, expression.simple]), [['base', false], ['other', true]]);
    assert.equal(findExpressions('{{ unclosed', 0)[0]?.path, 'unclosed');
  });

  const env = (proxyPort: string, vars = 'app:\n  web:\n    port: 30200\n'): Record<string, string> => ({
    'inventories/dev/hosts.yml': 'all:\n  children:\n    kube_gateway_pool:\n    webservers_pool:\n',
    'inventories/dev/group_vars/all.yml': vars,
    'inventories/dev/kube_gateway_pool/proxy.yml': `web:\n  mode: http\n  address: "*"\n  port: ${proxyPort}\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: 30200\n`,
    'inventories/dev/webservers_pool/routes.yml':
      'web:\n  webserver:\n    - location: /web/\n      params:\n        proxy_pass:\n          values: http://stream_web\n  stream:\n    name: stream_web\n    port: 30200\n    group: kube_gateway_pool\n',
  });

  it('resolves through chains of variables and tolerates | default on undefined ones', () => {
    assert.deepEqual(summary(memoryWorkspace(env('"{{ web_port }}"', 'web_port: "{{ app.web.port }}"\napp:\n  web:\n    port: 30200\n'))), []);
    assert.deepEqual(summary(memoryWorkspace(env('"{{ nothing | default(30200) }}"'))), []);
    assert.deepEqual(summary(memoryWorkspace(env('"{{ nothing | default(30201) }}"'))), ['inventories/dev/kube_gateway_pool/proxy.yml:4 port-mismatch']);
  });

  it('reports an undefined variable but never a magic one', () => {
    assert.deepEqual(summary(memoryWorkspace(env('"{{ app.wbe.port }}"'))), ['inventories/dev/kube_gateway_pool/proxy.yml:4 unknown-variable']);
    assert.deepEqual(summary(memoryWorkspace(env('"{{ hostvars[inventory_hostname].port }}"'))), []);
  });

  it('never loops on variables that refer to each other', () => {
    const cyclic = 'a: "{{ b }}"\nb: "{{ a }}"\napp:\n  web:\n    port: 30200\n';
    assert.deepEqual(summary(memoryWorkspace(env('"{{ a }}"', cyclic))), []);
  });
});
