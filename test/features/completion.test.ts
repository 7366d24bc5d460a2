import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { completion } from '../../server/src/core/features/completion';
import type { CompletionEntry } from '../../server/src/core/features/types';
import { readSettings } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { APPS, PROXY, ROUTES, SERVICE } from '../helpers/exampleSetup';
import { copyToTemp, EXAMPLE } from '../helpers/paths';


function filesOf(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesOf(path) : [path];
  });
}

/** A workspace over a private copy of the example, with some files replaced or added (relative path -> text). */
function workspaceWith(changes: Record<string, string> = {}): { workspace: Workspace; root: string; text: (relative: string) => string } {
  const root = copyToTemp(EXAMPLE);
  const workspace = new Workspace(root, readSettings(undefined));
  for (const path of filesOf(root)) workspace.update(path, { text: readFileSync(path, 'utf8') });
  for (const [relative, text] of Object.entries(changes)) workspace.update(join(root, relative), { text });
  return { workspace, root, text: (relative) => workspace.file(join(root, relative))?.text ?? '' };
}

const original = (relative: string): string => readFileSync(join(EXAMPLE, relative), 'utf8');

/** The text with the caret `§` removed, and the position where it stood. */
function caret(edited: string): { text: string; position: { line: number; character: number } } {
  const at = edited.indexOf('§');
  assert.ok(at >= 0, 'the text has a caret');
  const before = edited.slice(0, at);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { text: before + edited.slice(at + 1), position: { line: before.split(/\r\n|\r|\n/).length - 1, character: at - lineStart } };
}

/** Types `edited` (with a § caret) into a file of a fresh workspace and asks for completion there. */
function complete(relative: string, edited: string, changes: Record<string, string> = {}): { items: CompletionEntry[]; text: string; position: { line: number; character: number } } {
  const { text, position } = caret(edited);
  const { workspace, root } = workspaceWith({ ...changes, [relative]: text });
  return { items: completion(workspace, join(root, relative), position), text, position };
}

const labels = (items: readonly CompletionEntry[]): string[] => items.map((item) => item.label);

/** The line after accepting an item: its insert text (or label) over its range. */
function accept(text: string, item: CompletionEntry | undefined): string {
  assert.ok(item, 'the item exists');
  assert.ok(item.range, 'every item has a range');
  const range = item.range;
  assert.equal(range.start.line, range.end.line, 'the range stays on the cursor line');
  const line = text.split(/\r?\n/)[range.start.line] ?? '';
  return line.slice(0, range.start.character) + (item.insertText ?? item.label) + line.slice(range.end.character);
}

describe('completion: schema keys and values', () => {
  it('offers http and tcp after mode:, each described, replacing the word typed', () => {
    const { items, text } = complete(PROXY, original(PROXY).replace('mode: http', 'mode: §'));
    assert.deepEqual(labels(items), ['http', 'tcp']);
    assert.match(items[0]?.documentation ?? '', /HAProxy proxy mode/);
    assert.match(items[0]?.detail ?? '', /Layer 7/);
    assert.match(items[1]?.detail ?? '', /Layer 4/);
    assert.equal(accept(text, items[1]), '  mode: tcp');
    const typed = complete(PROXY, original(PROXY).replace('mode: http', 'mode: ht§'));
    assert.deepEqual(typed.items[0]?.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 10 } });
    assert.equal(accept(typed.text, typed.items[0]), '  mode: http');
  });

  it('adds the space a bare `mode:` needs', () => {
    const { items, text } = complete(PROXY, original(PROXY).replace('mode: http', 'mode:§'));
    assert.deepEqual(labels(items), ['http', 'tcp']);
    assert.equal(accept(text, items[0]), '  mode: http');
  });

  it('offers the balance algorithms and the Service type and protocol values', () => {
    const balance = complete(PROXY, original(PROXY).replace('balance: roundrobin', 'balance: §')).items;
    for (const algorithm of ['roundrobin', 'static-rr', 'leastconn', 'first', 'source', 'uri', 'random', 'rdp-cookie']) assert.ok(labels(balance).includes(algorithm), algorithm);
    assert.ok(balance.every((item) => item.documentation?.includes('load-balancing')));
    const type = complete(SERVICE, original(SERVICE).replace('type: NodePort', 'type: §')).items;
    assert.deepEqual(labels(type).sort(), ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
    assert.match(type.find((item) => item.label === 'NodePort')?.detail ?? '', /nodePort/);
    const protocol = complete(SERVICE, original(SERVICE).replace('      port: 80\n', '      protocol: §\n      port: 80\n')).items;
    assert.deepEqual(labels(protocol).sort(), ['SCTP', 'TCP', 'UDP']);
    const flag = complete(SERVICE, original(SERVICE).replace('  type: NodePort\n', '  publishNotReadyAddresses: §\n')).items;
    assert.deepEqual(labels(flag), ['true', 'false']);
  });

  it('offers the keys still missing under destination:, with `key: ` and their description', () => {
    const { items } = complete(PROXY, `${original(PROXY)}argocd:\n  destination:\n    §\n`);
    assert.deepEqual(labels(items).sort(), ['balance', 'group', 'options']);
    for (const item of items) {
      assert.equal(item.insertText, `${item.label}: `);
      assert.ok(item.documentation && item.documentation.length > 10, `${item.label} is described`);
    }
    const withBalance = complete(PROXY, `${original(PROXY)}argocd:\n  destination:\n    balance: leastconn\n    §\n`);
    assert.deepEqual(labels(withBalance.items).sort(), ['group', 'options']);
    // A key typed after the cursor counts too.
    const below = complete(PROXY, `${original(PROXY)}argocd:\n  destination:\n    §\n    options:\n      - httplog\n`);
    assert.deepEqual(labels(below.items).sort(), ['balance', 'group']);
  });

  it('works on an incomplete line in the middle of a file that is not valid YAML', () => {
    const edited = original(PROXY).replace('    balance: roundrobin\n    options:\n      - httplog\n', '    bal§\n    [ : {\n');
    const { items, text } = complete(PROXY, edited);
    assert.deepEqual(labels(items).sort(), ['balance', 'options'], 'group is already there');
    const item = items.find((candidate) => candidate.label === 'options');
    assert.equal(accept(text, item), '    options: ');
    assert.deepEqual(items[0]?.range, { start: { line: 8, character: 4 }, end: { line: 8, character: 7 } });
  });

  it('offers the keys of an entry, of a route list item and of a Service', () => {
    assert.deepEqual(labels(complete(PROXY, `${original(PROXY)}argocd:\n  §\n`).items).sort(), ['address', 'destination', 'mode', 'port']);
    assert.ok(labels(complete(ROUTES, original(ROUTES).replace('    - location: /v-admin/\n', '    - §\n')).items).includes('location'));
    const spec = labels(complete(SERVICE, original(SERVICE).replace('  type: NodePort\n', '  §\n')).items);
    assert.ok(spec.includes('type') && spec.includes('externalTrafficPolicy'));
    assert.ok(!spec.includes('ports') && !spec.includes('selector'), 'keys already present are not offered');
  });

  it('stays inside its own YAML document of a multi-document manifest', () => {
    const second = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: other\n';
    const { items } = complete(SERVICE, `${original(SERVICE)}---\n§\n---\n${second}`);
    const offered = labels(items);
    for (const key of ['apiVersion', 'kind', 'metadata', 'spec']) assert.ok(offered.includes(key), `${key} is offered in the new document`);
  });

  it('offers the items of a list of scalars from the schema examples', () => {
    const { items } = complete(PROXY, original(PROXY).replace('      - httplog\n', '      - httplog\n      - §\n'));
    assert.ok(labels(items).includes('forwardfor'));
  });
});

describe('completion: Jinja variables', () => {
  const line = (edited: string): string => original(PROXY).replace('port: "{{ app.pgadmin4.port }}"\n  destination', `${edited}\n  destination`);

  it('offers variable path segments inside {{ app., replacing only the segment', () => {
    const { items, text } = complete(PROXY, line('port: "{{ app.§'));
    assert.deepEqual(labels(items), ['pgadmin4']);
    assert.equal(accept(text, items[0]), '  port: "{{ app.pgadmin4');
    const typed = complete(PROXY, line('port: "{{ app.pgad§'));
    assert.deepEqual(labels(typed.items), ['pgadmin4']);
    assert.equal(accept(typed.text, typed.items[0]), '  port: "{{ app.pgadmin4');
  });

  it('shows the value of a scalar variable as its detail, and where it is defined', () => {
    const { items, text } = complete(PROXY, line('port: "{{ app.pgadmin4.§'));
    assert.deepEqual(labels(items), ['port']);
    assert.equal(items[0]?.detail, 'app.pgadmin4.port = 30165');
    assert.match(items[0]?.documentation ?? '', /group_vars\/all\/apps\.yml:4/);
    assert.equal(accept(text, items[0]), '  port: "{{ app.pgadmin4.port');
  });

  it('offers the top-level variables after {{ and nothing after a filter pipe', () => {
    assert.deepEqual(labels(complete(PROXY, line('port: "{{ §')).items), ['app']);
    assert.deepEqual(labels(complete(PROXY, line('port: "{{ app.pgadmin4.port | §')).items), []);
  });

  it('inside a closed expression, the segment under the cursor', () => {
    const edited = original(PROXY).replace('port: "{{ app.pgadmin4.port }}"\n  destination', 'port: "{{ app.§pgadmin4.port }}"\n  destination');
    assert.deepEqual(labels(complete(PROXY, edited).items), ['pgadmin4']);
  });

  it('writes a hyphenated name with brackets', () => {
    const apps = `${original(APPS)}  my-app:\n    port: 30170\n`;
    const { items, text } = complete(PROXY, line('port: "{{ app.§'), { [APPS]: apps });
    const hyphenated = items.find((item) => item.label === 'my-app');
    assert.equal(hyphenated?.insertText, "['my-app']");
    assert.equal(accept(text, hyphenated), `  port: "{{ app['my-app']`);
    const deeper = complete(PROXY, line(`port: "{{ app['my-app'].§`), { [APPS]: apps });
    assert.deepEqual(labels(deeper.items), ['port']);
    assert.equal(deeper.items[0]?.detail, 'app.my-app.port = 30170');
  });

  it('works in routes.yml and in a list item too', () => {
    assert.deepEqual(labels(complete(ROUTES, original(ROUTES).replace('port: 30164', 'port: "{{ app.§"')).items), ['pgadmin4']);
    assert.deepEqual(labels(complete(PROXY, original(PROXY).replace('- httplog', '- "{{ app.pgadmin4.§')).items), ['port']);
  });
});

describe('completion: streams, groups and apps', () => {
  it('offers stream names after http://, replacing only the name', () => {
    const { items, text } = complete(ROUTES, original(ROUTES).replace('values: http://stream_vadmin', 'values: http://§'));
    assert.deepEqual(labels(items), ['stream_vadmin']);
    assert.match(items[0]?.detail ?? '', /30164/);
    assert.equal(accept(text, items[0]), '          values: http://stream_vadmin');
    const quoted = complete(ROUTES, original(ROUTES).replace('values: http://stream_vadmin', 'values: "http://str§"'));
    assert.equal(accept(quoted.text, quoted.items[0]), '          values: "http://stream_vadmin"');
  });

  it('offers every stream of the environment, and none outside proxy_pass', () => {
    const routes = `${original(ROUTES)}grafana:\n  stream:\n    name: stream_grafana\n    port: 3000\n    group: webservers_pool\n`;
    assert.deepEqual(labels(complete(ROUTES, routes.replace('values: http://stream_vadmin', 'values: http://§')).items), ['stream_grafana', 'stream_vadmin']);
    const rewrite = routes.replace('        proxy_pass:\n', '        rewrite:\n          values: http://§\n        proxy_pass:\n');
    assert.ok(!labels(complete(ROUTES, rewrite).items).includes('stream_vadmin'));
  });

  it('offers inventory groups after group: and destination.group.name:', () => {
    const { items, text } = complete(ROUTES, original(ROUTES).replace('group: kube_gateway_pool', 'group: kube§'));
    assert.deepEqual(labels(items), ['all', 'kube_gateway_pool', 'webservers_pool']);
    assert.equal(accept(text, items[1]), '    group: kube_gateway_pool');
    assert.deepEqual(labels(complete(PROXY, original(PROXY).replace('name: kube_gateway_pool', 'name: §')).items), ['all', 'kube_gateway_pool', 'webservers_pool']);
  });

  it('offers, at the top of proxy.yml, the apps routes.yml sends to the gateway without an HAProxy entry', () => {
    const routes = `${original(ROUTES)}argocd:\n  stream:\n    name: stream_argocd\n    port: 30170\n    group: kube_gateway_pool\ngrafana:\n  stream:\n    name: stream_grafana\n    port: 3000\n    group: webservers_pool\n`;
    const { items, text } = complete(PROXY, `${original(PROXY)}ar§`, { [ROUTES]: routes });
    assert.deepEqual(labels(items), ['argocd']);
    assert.equal(accept(text, items[0]), 'argocd:');
  });

  it('offers the missing apps under proxies.routes of the wrapped form, and groups under proxies.target', () => {
    const wrapped = `proxies:\n  target:\n    group: kube_gateway_pool\n  routes:\n${original(PROXY).replace(/^/gm, '    ').trimEnd()}\n    §\n`;
    const routes = `${original(ROUTES)}argocd:\n  stream:\n    name: stream_argocd\n    port: 30170\n    group: kube_gateway_pool\n`;
    assert.deepEqual(labels(complete(PROXY, wrapped, { [ROUTES]: routes }).items), ['argocd']);
    const target = wrapped.replace('    group: kube_gateway_pool\n  routes', '    group: §\n  routes').replace('    §\n', '');
    assert.deepEqual(labels(complete(PROXY, target).items), ['all', 'kube_gateway_pool', 'webservers_pool']);
  });

  it('offers, at the top of routes.yml, the HAProxy entries and app variables without a route', () => {
    const proxy = `${original(PROXY)}keycloak:\n  mode: http\n  port: 30180\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: 30180\n`;
    const apps = `${original(APPS)}  argocd:\n    port: 30170\n`;
    const { items } = complete(ROUTES, `${original(ROUTES)}§`, { [PROXY]: proxy, [APPS]: apps });
    assert.deepEqual(labels(items), ['argocd', 'keycloak']);
  });
});

describe('completion: node ports', () => {
  /** Every port the workspace gives to something, read from the texts. */
  function portsIn(texts: readonly string[]): Set<number> {
    const found = new Set<number>();
    for (const text of texts) for (const match of text.matchAll(/(?:nodePort|port):\s*"?(\d+)/g)) found.add(Number(match[1]));
    return found;
  }

  it('offers first a node port that no Service and no app uses', () => {
    const { items, text } = complete(SERVICE, original(SERVICE).replace('nodePort: 30165', 'nodePort: §'));
    assert.equal(items[0]?.label, '30000');
    assert.equal(items[0]?.kind, 'port');
    assert.equal(accept(text, items[0]), '      nodePort: 30000');
  });

  it('skips the ports of Services, chains and app variables of every environment', () => {
    const apps = `${original(APPS)}  unrouted:\n    port: 30000\n`;
    const other = original(SERVICE).replace('name: pgadmin\n', 'name: other\n').replace('app: pgadmin', 'app: other').replace('nodePort: 30165', 'nodePort: 30001');
    const staging = {
      'inventories/staging/hosts.yml': original('inventories/protobox/hosts.yml'),
      'inventories/staging/webservers_pool/routes.yml': original(ROUTES).replace('30164', '30002'),
      'inventories/staging/kube_gateway_pool/proxy.yml': original(PROXY).replace(/"\{\{ app\.pgadmin4\.port \}\}"/g, '30003'),
    };
    const changes = { [APPS]: apps, 'k8s/other/other-service.yml': other, ...staging };
    const { items } = complete(SERVICE, original(SERVICE).replace('nodePort: 30165', 'nodePort: 3§'), changes);
    const first = Number(items[0]?.label);
    assert.equal(first, 30004);
    const used = portsIn([...Object.values(changes), original(SERVICE), original(ROUTES), original(APPS)]);
    assert.ok(!used.has(first), `${first} is used by nothing`);
    assert.deepEqual(items[0]?.range, { start: { line: 11, character: 16 }, end: { line: 11, character: 17 } });
  });

  it('offers the free port first for an app port too, then the app variable and the chain port', () => {
    const { items, text } = complete(ROUTES, original(ROUTES).replace('port: 30164', 'port: §'));
    assert.deepEqual(labels(items), ['30000', '{{ app.pgadmin4.port }}', '30165']);
    assert.equal(accept(text, items[1]), '    port: "{{ app.pgadmin4.port }}"');
    const proxy = complete(PROXY, original(PROXY).replace('port: "{{ app.pgadmin4.port }}"\n  destination', 'port: §\n  destination'));
    assert.equal(proxy.items[0]?.label, '30000');
    const variable = complete(APPS, original(APPS).replace('port: 30165', 'port: §'));
    assert.equal(variable.items[0]?.label, '30000');
  });

  it('reads CRLF files the same way', () => {
    const crlf = original(SERVICE).replace(/\n/g, '\r\n');
    const { items } = complete(SERVICE, crlf.replace('nodePort: 30165', 'nodePort: §'));
    assert.equal(items[0]?.label, '30000');
    assert.deepEqual(items[0]?.range, { start: { line: 11, character: 16 }, end: { line: 11, character: 16 } });
    const keys = complete(PROXY, original(PROXY).replace(/\n/g, '\r\n').replace('    balance: roundrobin', '    §'));
    assert.deepEqual(labels(keys.items), ['balance']);
  });
});
