import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { symbolAt } from '../../server/src/core/features/symbolAt';
import { ROOT, CARET, ROUTES, PROXY, APPS, HOSTS, SERVICE, exampleFiles, setup, mark, caretIn, where } from '../helpers/exampleSetup';

function positionIn(text: string, needle: string, shift = 0, index = 0): string {
  const marked = mark(text, needle, shift, index);
  const before = marked.slice(0, marked.indexOf(CARET));
  return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n') - 1}`;
}

const CHAIN_LINE = 'Nginx /v-admin/ -> stream_vadmin :30164 ⚠ -> HAProxy pgadmin4 :30165 -> Service postgresql/pgadmin nodePort 30165 -> targetPort 80';

describe('symbolAt: what is under the cursor', () => {
  const kindAt = (path: string, needle: string, shift = 0, index = 0): string => {
    const { workspace, path: absolute, position } = caretIn(path, needle, shift, index);
    const file = workspace.file(absolute);
    assert.ok(file);
    const symbol = symbolAt(workspace, file, file.lines.offsetAt(position));
    if (!symbol) return 'nothing';
    switch (symbol.kind) {
      case 'app':
        return `app ${symbol.app} (${symbol.origin})`;
      case 'stream':
        return `stream ${symbol.name} (${symbol.origin})`;
      case 'group':
        return `group ${symbol.name} (${symbol.origin})`;
      case 'variable':
        return `variable ${symbol.path} (${symbol.origin})`;
      case 'port':
        return `port ${symbol.text} in ${symbol.chains.length} chain(s)`;
      case 'service':
        return `service ${symbol.service.name?.value ?? ''}`;
      case 'key':
        return `key ${symbol.path.join('.')}`;
    }
  };

  it('recognises apps, streams, groups, variables, ports and Services in every file of the example', () => {
    assert.equal(kindAt(ROUTES, 'pgadmin4', 3), 'app pgadmin4 (route)');
    assert.equal(kindAt(PROXY, 'pgadmin4', 0), 'app pgadmin4 (proxy)');
    assert.equal(kindAt(APPS, 'pgadmin4', 8), 'app pgadmin4 (variable)');
    assert.equal(kindAt(APPS, 'port', 1), 'variable app.pgadmin4.port (definition)');
    assert.equal(kindAt(APPS, '30165', 2), 'port 30165 in 1 chain(s)');
    assert.equal(kindAt(ROUTES, 'stream_vadmin', 2, 1), 'stream stream_vadmin (name)');
    assert.equal(kindAt(ROUTES, 'stream_vadmin', 2, 0), 'stream stream_vadmin (proxy_pass)');
    assert.equal(kindAt(ROUTES, 'http://', 2), 'key pgadmin4.webserver.0.params.proxy_pass.values', 'the scheme is not the stream');
    assert.equal(kindAt(ROUTES, 'kube_gateway_pool', 4), 'group kube_gateway_pool (use)');
    assert.equal(kindAt(PROXY, 'kube_gateway_pool', 4), 'group kube_gateway_pool (use)');
    assert.equal(kindAt(HOSTS, 'webservers_pool', 4), 'group webservers_pool (inventory)');
    assert.equal(kindAt(HOSTS, 'gateway-1', 2), 'nothing', 'a host is not a group');
    assert.equal(kindAt(ROUTES, '30164', 1), 'port 30164 in 1 chain(s)');
    assert.equal(kindAt(PROXY, '"{{', 0), 'port "{{ app.pgadmin4.port }}" in 1 chain(s)', 'the quote of a port reference');
    assert.equal(kindAt(PROXY, 'app.', 1), 'variable app (reference)');
    assert.equal(kindAt(PROXY, 'pgadmin4.port', 3), 'app pgadmin4 (template)');
    assert.equal(kindAt(PROXY, 'port }}', 2), 'variable app.pgadmin4.port (reference)');
    assert.equal(kindAt(SERVICE, '30165', 0), 'port 30165 in 1 chain(s)');
    assert.equal(kindAt(SERVICE, 'port: 80', 7), 'port 80 in 1 chain(s)');
    assert.equal(kindAt(SERVICE, 'targetPort: 80', 13), 'port 80 in 1 chain(s)');
    assert.equal(kindAt(SERVICE, 'name: pgadmin', 8), 'service pgadmin');
    assert.equal(kindAt(SERVICE, 'selector', 2), 'key spec.selector');
    assert.equal(kindAt(PROXY, 'balance', 2), 'key pgadmin4.destination.balance');
    assert.equal(kindAt(PROXY, 'roundrobin', 2), 'key pgadmin4.destination.balance');
    assert.equal(kindAt(APPS, '# Ports', 3), 'nothing', 'a comment');
  });

  it('reads the wrapped proxy form, inventory vars and INI inventories', () => {
    const wrapped = 'proxies:\n  target:\n    group: kube_gateway_pool\n  routes:\n    pgadmin4:\n      mode: http\n      port: "{{ app.pgadmin4.port }}"\n      destination:\n        group:\n          name: kube_gateway_pool\n          port: "{{ app.pgadmin4.port }}"\n';
    const at = (path: string, text: string): string => {
      const { workspace, path: absolute, position } = setup({ [path]: text });
      const file = workspace.file(absolute);
      assert.ok(file);
      const symbol = symbolAt(workspace, file, file.lines.offsetAt(position));
      return symbol ? `${symbol.kind} ${'app' in symbol ? symbol.app : 'name' in symbol ? symbol.name : 'path' in symbol ? [symbol.path].flat().join('.') : ''}` : 'nothing';
    };
    assert.equal(at(PROXY, mark(wrapped, 'group:', 1)), 'key proxies.target.group', 'the target group key is not an app');
    assert.equal(at(PROXY, mark(wrapped, 'kube_gateway_pool', 1)), 'group kube_gateway_pool');
    assert.equal(at(PROXY, mark(wrapped, 'pgadmin4:', 1)), 'app pgadmin4');
    assert.equal(at(PROXY, mark(wrapped, 'routes', 1)), 'key proxies.routes');
    const inventory = 'all:\n  vars:\n    app:\n      pgadmin4:\n        port: 30165\n    domain: example.org\n  children:\n    kube_gateway_pool:\n      hosts:\n        gateway-1:\n    webservers_pool:\n      hosts:\n        web-1:\n';
    assert.equal(at(HOSTS, mark(inventory, 'pgadmin4', 2)), 'app pgadmin4');
    assert.equal(at(HOSTS, mark(inventory, 'domain', 2)), 'variable domain');
    assert.equal(at(HOSTS, mark(inventory, 'kube_gateway_pool', 2)), 'group kube_gateway_pool');
    const ini = '[kube_gateway_pool]\ngateway-1\n\n[webservers_pool]\nweb-1\n\n[edge:children]\nkube_gateway_pool\n\n[edge:vars]\nbase_port=30000\n';
    const files = { [HOSTS]: undefined, 'inventories/protobox/hosts.ini': mark(ini, 'kube_gateway_pool', 3, 1) };
    const { workspace, path, position } = setup(files);
    const file = workspace.file(path);
    assert.ok(file);
    assert.deepEqual(symbolAt(workspace, file, file.lines.offsetAt(position))?.kind, 'group');
    const vars = setup({ [HOSTS]: undefined, 'inventories/protobox/hosts.ini': mark(ini, 'base_port', 2) });
    const varsFile = vars.workspace.file(vars.path);
    assert.ok(varsFile);
    const symbol = symbolAt(vars.workspace, varsFile, varsFile.lines.offsetAt(vars.position));
    assert.equal(symbol?.kind === 'variable' ? symbol.path : undefined, 'base_port');
  });
});

describe('hover', () => {
  it('on a key named like what every JavaScript object has: nothing from Object.prototype', () => {
    for (const key of ['toString', 'constructor', '__proto__']) {
      const proxy = exampleFiles()[PROXY]?.replace('  mode: http', `  ${key}: 1\n  mode: http`) ?? '';
      const { service, path, position } = setup({ [PROXY]: mark(proxy, key, 2) });
      assert.equal(service.hover(path, position), undefined, key);
    }
  });

  it('on the stream port: the chain in one line, then each hop with its place, the mismatch marked', () => {
    const { service, path, position } = caretIn(ROUTES, '30164', 2);
    const hover = service.hover(path, position);
    assert.ok(hover);
    assert.ok(hover.markdown.includes(CHAIN_LINE), hover.markdown);
    assert.match(hover.markdown, /- ⚠ Nginx stream stream_vadmin port: \*\*30164\*\* — inventories\/protobox\/webservers_pool\/routes\.yml:15 — \*\*mismatch\*\*: the chain's port is 30165/);
    assert.match(hover.markdown, /- Service postgresql\/pgadmin nodePort: \*\*30165\*\* — k8s\/postgresql\/pgadmin-service\.yml:12$/m);
    assert.match(hover.markdown, /- HAProxy pgadmin4 port: \*\*30165\*\* via `app\.pgadmin4\.port` — inventories\/protobox\/kube_gateway_pool\/proxy\.yml:4$/m);
    assert.match(hover.markdown, /Service postgresql\/pgadmin linked by nodePort/);
    assert.deepEqual(hover.range, { start: { line: 14, character: 10 }, end: { line: 14, character: 15 } });
  });

  it('shows the same chain on the app key of every file, the Service name, its port and targetPort, the stream and proxy_pass', () => {
    const cases: [string, string, number, number][] = [
      [ROUTES, 'pgadmin4', 1, 0],
      [PROXY, 'pgadmin4', 1, 0],
      [APPS, 'pgadmin4', 1, 0],
      [SERVICE, 'pgadmin', 1, 1],
      [SERVICE, 'nodePort: 30165', 12, 0],
      [SERVICE, 'targetPort: 80', 12, 0],
      [ROUTES, 'stream_vadmin', 1, 1],
      [ROUTES, 'stream_vadmin', 1, 0],
      [PROXY, 'port }}', 1, 0],
    ];
    for (const [path, needle, shift, index] of cases) {
      const { service, path: absolute, position } = caretIn(path, needle, shift, index);
      const markdown = service.hover(absolute, position)?.markdown ?? '';
      assert.ok(markdown.includes(CHAIN_LINE), `${path} ${needle}: ${markdown}`);
    }
  });

  it('on a {{ var }}: its value and where it is defined', () => {
    const { service, path, position } = caretIn(PROXY, 'port }}', 1);
    assert.match(service.hover(path, position)?.markdown ?? '', /^`app\.pgadmin4\.port` = \*\*30165\*\* — inventories\/protobox\/group_vars\/all\/apps\.yml:4/);
    const unknown = setup({ [PROXY]: mark(exampleFiles()[PROXY]?.replace('address: "*"', 'address: "{{ gateway.vip }}"') ?? '', 'vip', 1) });
    assert.match(unknown.service.hover(unknown.path, unknown.position)?.markdown ?? '', /`gateway\.vip` is not defined in environment protobox/);
    const magic = setup({ [PROXY]: mark(exampleFiles()[PROXY]?.replace('address: "*"', 'address: "{{ inventory_hostname }}"') ?? '', 'inventory_hostname', 2) });
    assert.match(magic.service.hover(magic.path, magic.position)?.markdown ?? '', /Ansible magic variable/);
    const chained = setup({ [APPS]: 'base: 30100\napp:\n  pgadmin4:\n    port: "{{ base }}"\n', [ROUTES]: mark(exampleFiles()[ROUTES]?.replace('port: 30164', 'port: "{{ app.pgadmin4.port }}"') ?? '', '.port', 2) });
    assert.match(chained.service.hover(chained.path, chained.position)?.markdown ?? '', /`app\.pgadmin4\.port` = \*\*30100\*\* via `app\.pgadmin4\.port -> base`/);
  });

  it('on a group: the inventory that defines it and its hosts', () => {
    const { service, path, position } = caretIn(ROUTES, 'kube_gateway_pool', 2);
    assert.equal(service.hover(path, position)?.markdown, 'Inventory group **kube_gateway_pool** (the Kubernetes gateway group): 3 hosts — inventories/protobox/hosts.yml:4');
    const all = caretIn(HOSTS, 'all', 1);
    assert.match(all.service.hover(all.path, all.position)?.markdown ?? '', /Inventory group \*\*all\*\*: 5 hosts/);
    const ini = '[kube_gateway_pool]\ngateway-1\ngateway-2\n\n[webservers_pool]\nweb-1\n\n[edge:children]\nkube_gateway_pool\nwebservers_pool\n';
    const edge = setup({ [HOSTS]: undefined, 'inventories/protobox/hosts': mark(ini, 'edge', 1) });
    assert.equal(edge.service.hover(edge.path, edge.position)?.markdown, 'Inventory group **edge**: 3 hosts — inventories/protobox/hosts:8');
    const missing = setup({ [ROUTES]: mark(exampleFiles()[ROUTES]?.replace('group: kube_gateway_pool', 'group: nowhere') ?? '', 'nowhere', 1) });
    assert.match(missing.service.hover(missing.path, missing.position)?.markdown ?? '', /Group \*\*nowhere\*\* is not in the inventory of environment protobox/);
  });

  it('on any other key or value: the schema description, through $ref, additionalProperties, items and the wrapped form', () => {
    const description = (path: string, needle: string, shift = 1, text?: string): string => {
      const marked = mark(text ?? exampleFiles()[path] ?? '', needle, shift);
      const { service, path: absolute, position } = setup({ [path]: marked });
      return service.hover(absolute, position)?.markdown ?? '';
    };
    assert.match(description(PROXY, 'balance'), /load-balancing algorithm/);
    assert.match(description(PROXY, 'mode'), /HAProxy proxy mode[\s\S]*Allowed: `http`, `tcp`/);
    assert.match(description(ROUTES, 'location'), /What the block matches/);
    assert.match(description(ROUTES, 'proxy_set_header'), /A request header passed to the upstream/);
    assert.match(description(SERVICE, 'targetPort'), /Number or name of the port to access on the pods/);
    const wrapped = 'proxies:\n  target:\n    group: kube_gateway_pool\n  routes:\n    pgadmin4:\n      mode: http\n      port: 30165\n';
    assert.match(description(PROXY, 'proxies', 1, wrapped), /wrapped \("magic variables"\) form/);
    assert.match(description(PROXY, 'target', 1, wrapped), /Where every frontend of this file sends its traffic/);
    assert.match(description(PROXY, 'group', 1, wrapped), /inventory group of the Kubernetes nodes behind HAProxy/);
    assert.match(description(PROXY, 'mode', 1, wrapped), /HAProxy proxy mode/);
  });

  it('on a route that does not go through Kubernetes: where it goes, without a chain', () => {
    const grafana = 'grafana:\n  webserver:\n    - location: /grafana/\n      params:\n        proxy_pass:\n          values: "http://stream_grafana/grafana"\n  stream:\n    name: stream_grafana\n    port: 3000\n    group: webservers_pool\n';
    const routes = `${exampleFiles()[ROUTES] ?? ''}${grafana}`;
    const app = setup({ [ROUTES]: mark(routes, 'grafana:', 1) });
    assert.match(app.service.hover(app.path, app.position)?.markdown ?? '', /\*\*grafana\*\* \(environment protobox\): not exposed through kube_gateway_pool[\s\S]*Nginx \/grafana\/ -> stream_grafana :3000 on webservers_pool/);
    const port = setup({ [ROUTES]: mark(routes, '3000', 1) });
    assert.match(port.service.hover(port.path, port.position)?.markdown ?? '', /Nginx stream stream_grafana port on webservers_pool: \*\*3000\*\*[\s\S]*Not part of a Kubernetes chain/);
    const stream = setup({ [ROUTES]: mark(routes, 'stream_grafana/', 3) });
    assert.match(stream.service.hover(stream.path, stream.position)?.markdown ?? '', /Stream \*\*stream_grafana\*\* of route \*\*grafana\*\*/);
  });

  it('returns nothing on blank lines, comments, positions past the end and unknown files', () => {
    const { service, texts } = setup({});
    const apps = `${ROOT}/${APPS}`;
    assert.equal(service.hover(apps, { line: 0, character: 3 }), undefined, 'a comment');
    assert.equal(service.hover(apps, { line: 400, character: 0 }), undefined);
    assert.equal(service.hover(apps, { line: -3, character: -1 }), undefined);
    assert.equal(service.hover(`${ROOT}/nowhere.yml`, { line: 0, character: 0 }), undefined);
    assert.ok(texts[APPS]);
  });
});

describe('go to definition', () => {
  it('from {{ app.pgadmin4.port }} in proxy.yml to the port key under app.pgadmin4 in apps.yml', () => {
    const { service, path, position, texts } = caretIn(PROXY, 'port }}', 2);
    assert.deepEqual(service.definition(path, position).map(where), [`${APPS}:${positionIn(texts[APPS] ?? '', 'port:')}`]);
    const app = caretIn(PROXY, 'pgadmin4.port', 2);
    assert.deepEqual(app.service.definition(app.path, app.position).map(where), [`${APPS}:${positionIn(texts[APPS] ?? '', 'pgadmin4')}`], 'the app segment goes to app.pgadmin4');
  });

  it('to the deepest defined part of an undefined path', () => {
    const { service, path, position, texts } = setup({ [PROXY]: mark(exampleFiles()[PROXY]?.replace('app.pgadmin4.port }}', 'app.pgadmin4.listen }}') ?? '', 'listen', 2) });
    assert.deepEqual(service.definition(path, position).map(where), [`${APPS}:${positionIn(texts[APPS] ?? '', 'pgadmin4')}`]);
  });

  it('from the stream port to the Service nodePort first, then the other hops and keys of the chain', () => {
    const { service, path, position, texts } = caretIn(ROUTES, '30164', 1);
    const found = service.definition(path, position).map(where);
    assert.equal(found[0], `${SERVICE}:${positionIn(texts[SERVICE] ?? '', '30165')}`);
    assert.ok(found.includes(`${PROXY}:1:0`), 'the HAProxy key');
    assert.ok(found.includes(`${APPS}:${positionIn(texts[APPS] ?? '', '30165')}`), 'the variable');
    assert.ok(!found.includes(`${ROUTES}:${positionIn(texts[ROUTES] ?? '', '30164')}`), 'not itself');
  });

  it('from the HAProxy port and the nodePort to the other members of the chain', () => {
    const proxy = caretIn(PROXY, '"{{', 0);
    const fromProxy = proxy.service.definition(proxy.path, proxy.position).map(where);
    assert.ok(fromProxy.includes(`${SERVICE}:12:16`), fromProxy.join());
    assert.ok(fromProxy.includes(`${ROUTES}:15:10`));
    const nodePort = caretIn(SERVICE, '30165', 1);
    const fromService = nodePort.service.definition(nodePort.path, nodePort.position).map(where);
    assert.ok(fromService.includes(`${ROUTES}:15:10`));
    assert.ok(fromService.includes(`${ROUTES}:1:0`), 'the route key');
    assert.ok(!fromService.some((place) => place.startsWith(`${SERVICE}:12:`)));
  });

  it('from an app key to the other files of its chain', () => {
    const { service, path, position } = caretIn(ROUTES, 'pgadmin4', 1);
    const found = service.definition(path, position).map(where);
    assert.ok(found.includes(`${PROXY}:1:0`));
    assert.ok(found.includes(`${APPS}:3:2`), 'app.pgadmin4 in apps.yml');
    assert.ok(found.includes(`${SERVICE}:12:16`));
    assert.ok(!found.includes(`${ROUTES}:1:0`));
  });

  it('from proxy_pass to its stream, from a group to the inventory', () => {
    const stream = caretIn(ROUTES, 'stream_vadmin', 4);
    assert.deepEqual(stream.service.definition(stream.path, stream.position).map(where), [`${ROUTES}:14:10`]);
    const group = caretIn(PROXY, 'kube_gateway_pool', 4);
    assert.deepEqual(group.service.definition(group.path, group.position).map(where), [`${HOSTS}:4:4`]);
    const ini = '[kube_gateway_pool]\ngateway-1\n\n[webservers_pool]\nweb-1\n';
    const fromIni = setup({ [HOSTS]: undefined, 'inventories/protobox/hosts.ini': ini, [ROUTES]: mark(exampleFiles()[ROUTES] ?? '', 'kube_gateway_pool', 2) });
    assert.deepEqual(fromIni.service.definition(fromIni.path, fromIni.position).map(where), ['inventories/protobox/hosts.ini:1:1']);
  });

  it('finds nothing on schema keys, and never throws on broken or empty files', () => {
    const { service, path, position } = caretIn(PROXY, 'balance', 1);
    assert.deepEqual(service.definition(path, position), []);
    const broken = setup({ [ROUTES]: 'pgadmin4:\n  stream: [\n    name: stream_vadmin\n  port: 30164 }\n: - ::\n', [PROXY]: '', [APPS]: '\n\n' });
    for (const relative of [ROUTES, PROXY, APPS]) {
      for (let line = 0; line < 8; line++) {
        for (let character = 0; character < 30; character += 2) {
          const at = { line, character };
          broken.service.hover(`${ROOT}/${relative}`, at);
          broken.service.definition(`${ROOT}/${relative}`, at);
        }
      }
    }
  });
});
