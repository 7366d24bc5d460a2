import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SymbolEntry } from '../../server/src/core/features/types';
import type { Range } from '../../server/src/core/types';
import type { Position } from '../../server/src/core/types';
import { ROOT, ROUTES, PROXY, APPS, HOSTS, SERVICE, exampleFiles, setup, where } from '../helpers/exampleSetup';

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
const inside = (inner: Range, outer: Range): boolean => before(outer.start, inner.start) && before(inner.end, outer.end);

/** Every symbol's selection lies in its range, and every child in its parent, as editors require. */
function assertNested(symbols: readonly SymbolEntry[], parent?: SymbolEntry): void {
  for (const symbol of symbols) {
    assert.ok(symbol.name.length > 0);
    assert.ok(inside(symbol.selectionRange, symbol.range), `${symbol.name}: selection inside range`);
    if (parent) assert.ok(inside(symbol.range, parent.range), `${symbol.name} inside ${parent.name}`);
    assertNested(symbol.children ?? [], symbol);
  }
}

const outline = (symbols: readonly SymbolEntry[]): unknown[] =>
  symbols.map((symbol) => (symbol.children?.length ? [`${symbol.kind} ${symbol.name}${symbol.detail ? ` (${symbol.detail})` : ''}`, outline(symbol.children)] : `${symbol.kind} ${symbol.name}${symbol.detail ? ` (${symbol.detail})` : ''}`));

describe('document symbols', () => {
  it('outlines routes.yml, proxy.yml, the vars, the inventory and the Service of the example', () => {
    const { service } = setup({});
    const of = (path: string): SymbolEntry[] => {
      const symbols = service.documentSymbols(`${ROOT}/${path}`);
      assertNested(symbols);
      return symbols;
    };
    assert.deepEqual(outline(of(ROUTES)), [['app pgadmin4 (kube_gateway_pool)', ['location /v-admin/', ['stream stream_vadmin (:30164 on kube_gateway_pool)', ['port port (30164)']]]]]);
    assert.deepEqual(outline(of(PROXY)), [['app pgadmin4 (http)', ['port port ("{{ app.pgadmin4.port }}")', 'port destination port ("{{ app.pgadmin4.port }}" on kube_gateway_pool)']]]);
    assert.deepEqual(outline(of(APPS)), [['variable app', [['variable pgadmin4', ['variable port (30165)']]]]]);
    assert.deepEqual(outline(of(HOSTS)), [['group all', ['group kube_gateway_pool (3 hosts)', 'group webservers_pool (2 hosts)']]]);
    assert.deepEqual(outline(of(SERVICE)), [['service postgresql/pgadmin (NodePort)', ['port padmin-port (nodePort 30165 -> port 80 -> targetPort 80)']]]);
    const [route] = of(ROUTES);
    assert.deepEqual(route?.selectionRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
    assert.equal(route?.range.end.line, 16);
  });

  it('gives one symbol per Service of a multi-document manifest, each over its own document', () => {
    const manifest = '---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30200\n    - port: 443\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web-internal\n  namespace: shop\nspec:\n  ports:\n    - port: 8080\n';
    const { service } = setup({ 'k8s/shop/web.yml': manifest });
    const symbols = service.documentSymbols(`${ROOT}/k8s/shop/web.yml`);
    assertNested(symbols);
    assert.deepEqual(outline(symbols), [['service web (NodePort)', ['port nodePort 30200 (nodePort 30200 -> port 80)', 'port port 443 (port 443)']], ['service shop/web-internal (ClusterIP)', ['port port 8080 (port 8080)']]]);
    assert.equal(symbols[0]?.range.start.line, 6);
    assert.equal(symbols[1]?.range.start.line, 17);
  });

  it('outlines the wrapped proxy form and INI inventories', () => {
    const wrapped = 'proxies:\n  target:\n    group: kube_gateway_pool\n  routes:\n    pgadmin4:\n      mode: http\n      port: 30165\n    argocd:\n      mode: tcp\n      port: 30100\n';
    const ini = '[kube_gateway_pool]\ngateway-1\ngateway-2\n\n[kube_gateway_pool:vars]\nmaxconn=2000\n\n[edge:children]\nkube_gateway_pool\n';
    const { service } = setup({ [PROXY]: wrapped, [HOSTS]: undefined, 'inventories/protobox/hosts.ini': ini });
    const proxy = service.documentSymbols(`${ROOT}/${PROXY}`);
    assertNested(proxy);
    assert.deepEqual(outline(proxy), ['group kube_gateway_pool (proxies.target.group)', ['app pgadmin4 (http)', ['port port (30165)']], ['app argocd (tcp)', ['port port (30100)']]]);
    const inventory = service.documentSymbols(`${ROOT}/inventories/protobox/hosts.ini`);
    assertNested(inventory);
    assert.deepEqual(outline(inventory), ['group kube_gateway_pool (2 hosts)', ['group kube_gateway_pool (vars)', ['variable maxconn (2000)']], ['group edge (children)', ['group kube_gateway_pool']]]);
  });

  it('bounds the variable tree and survives broken and empty files', () => {
    let deep = '';
    for (let depth = 0; depth < 40; depth++) deep += `${'  '.repeat(depth)}level${depth}:\n`;
    const { service } = setup({ [APPS]: deep, [ROUTES]: 'pgadmin4:\n  stream: [\n', [PROXY]: '' });
    let symbols = service.documentSymbols(`${ROOT}/${APPS}`);
    let depth = 0;
    while (symbols[0]) {
      depth++;
      symbols = [...(symbols[0].children ?? [])];
    }
    assert.ok(depth <= 8, `depth ${depth}`);
    assert.doesNotThrow(() => service.documentSymbols(`${ROOT}/${ROUTES}`));
    assert.deepEqual(service.documentSymbols(`${ROOT}/${PROXY}`), []);
    assert.deepEqual(service.documentSymbols(`${ROOT}/nowhere.yml`), []);
  });
});

describe('workspace symbols', () => {
  it('finds apps, streams, groups and Services by a fuzzy, case-insensitive query', () => {
    const { service } = setup({});
    const found = service.workspaceSymbols('PGADM').map((symbol) => `${symbol.kind} ${symbol.name} [${symbol.container ?? ''}] ${where(symbol.location)}`);
    assert.deepEqual(found, [`app pgadmin4 [protobox] ${ROUTES}:1:0`, `service postgresql/pgadmin [${SERVICE}] ${SERVICE}:7:8`]);
    assert.deepEqual(service.workspaceSymbols('vadmin').map((symbol) => `${symbol.kind} ${symbol.name}`), ['stream stream_vadmin']);
    assert.deepEqual(service.workspaceSymbols('kgp').map((symbol) => `${symbol.kind} ${symbol.name}`), ['group kube_gateway_pool']);
    assert.deepEqual(service.workspaceSymbols('zzz'), []);
  });

  it('puts exact and prefix matches first and stops at 500', () => {
    let routes = '';
    for (let n = 0; n < 1200; n++) routes += `app${n}x:\n  stream:\n    name: stream_app${n}\n    port: ${31000 + n}\n    group: webservers_pool\n`;
    routes += 'ap:\n  stream:\n    name: s\n    port: 3000\n    group: webservers_pool\n';
    const { service } = setup({ [ROUTES]: routes });
    const found = service.workspaceSymbols('ap');
    assert.equal(found.length, 500);
    assert.equal(found[0]?.name, 'ap');
    assert.ok(found.slice(1, 100).every((symbol) => symbol.name.startsWith('ap')));
  });
});

describe('code lenses', () => {
  it('on each app key and on the linked Service: the chain in one line, with the other files to peek at', () => {
    const { service } = setup({});
    const lens = (path: string): string[] => service.codeLenses(`${ROOT}/${path}`).map((entry) => `${entry.range.start.line}:${entry.range.start.character} ${entry.title} -> ${entry.locations.map(where).join(', ')}`);
    const title = '⚠ Service postgresql/pgadmin · HAProxy :30165 · Nginx /v-admin/';
    assert.deepEqual(lens(SERVICE), [`6:8 ${title} -> ${PROXY}:4:8, ${PROXY}:8:12, ${APPS}:4:10, ${ROUTES}:15:10, ${PROXY}:1:0, ${ROUTES}:1:0`]);
    assert.deepEqual(lens(ROUTES), [`0:0 ${title} -> ${SERVICE}:12:16, ${PROXY}:4:8, ${PROXY}:8:12, ${APPS}:4:10, ${PROXY}:1:0`]);
    assert.deepEqual(lens(PROXY), [`0:0 ${title} -> ${SERVICE}:12:16, ${APPS}:4:10, ${ROUTES}:15:10, ${ROUTES}:1:0`]);
    assert.deepEqual(lens(APPS), []);
    assert.deepEqual(lens(HOSTS), []);
  });

  it('without ⚠ once the chain agrees, and on routes that do not go through Kubernetes', () => {
    const routes = `${(exampleFiles()[ROUTES] ?? '').replace('30164', '30165')}grafana:\n  webserver:\n    - location: /grafana/\n  stream:\n    name: stream_grafana\n    port: 3000\n    group: webservers_pool\n`;
    const { service } = setup({ [ROUTES]: routes });
    const lenses = service.codeLenses(`${ROOT}/${ROUTES}`);
    assert.deepEqual(lenses.map((entry) => entry.title), ['Service postgresql/pgadmin · HAProxy :30165 · Nginx /v-admin/', 'Nginx /grafana/ · stream stream_grafana :3000 · webservers_pool (not through kube_gateway_pool)']);
    assert.deepEqual(lenses[1]?.locations, []);
  });
});
