import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover, Location, WorkspaceEdit, DocumentSymbol, SymbolInformation, CodeLens } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { copyToTemp, EXAMPLE } from '../helpers/paths';
import { TestClient } from '../helpers/lspClient';
import { applyEdits, positionOf, type Edit } from '../helpers/text';

describe('editor features over stdio on the example workspace', () => {
  let root: string;
  let client: TestClient;
  const path = (relative: string): string => join(root, relative);
  const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
  const PROXY = 'inventories/protobox/kube_gateway_pool/proxy.yml';
  const APPS = 'inventories/protobox/group_vars/all/apps.yml';
  const SERVICE = 'k8s/postgresql/pgadmin-service.yml';
  const HOSTS = 'inventories/protobox/hosts.yml';
  const text = (relative: string): string => readFileSync(path(relative), 'utf8');
  const at = (relative: string, needle: string, shift = 0, index = 0) => ({ textDocument: { uri: client.uri(path(relative)) }, position: positionOf(text(relative), needle, shift, index) });
  const relativeOf = (location: Location): string => URI.parse(location.uri).fsPath.slice(root.length + 1);

  before(async () => {
    root = copyToTemp(EXAMPLE);
    client = await TestClient.start(root);
  });
  after(async () => client.stop());

  it('hover on the stream port shows the whole chain with the mismatch marked', async () => {
    const hover = await client.request<Hover>('textDocument/hover', at(ROUTES, '30164', 2));
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Nginx \/v-admin\/ -> stream_vadmin :30164 ⚠ -> HAProxy pgadmin4 :30165 -> Service postgresql\/pgadmin nodePort 30165 -> targetPort 80/);
    assert.match(value, /⚠ Nginx stream stream_vadmin port: \*\*30164\*\* — inventories\/protobox\/webservers_pool\/routes\.yml:15/);
    assert.match(value, /Service postgresql\/pgadmin nodePort: \*\*30165\*\* — k8s\/postgresql\/pgadmin-service\.yml:12/);
  });

  it('hover on a Jinja reference shows its value and definition; on a key, the schema description', async () => {
    const reference = await client.request<Hover>('textDocument/hover', at(PROXY, 'port }}', 1));
    assert.match((reference.contents as { value: string }).value, /`app\.pgadmin4\.port` = \*\*30165\*\* — inventories\/protobox\/group_vars\/all\/apps\.yml:4/);
    const key = await client.request<Hover>('textDocument/hover', at(PROXY, 'balance', 2));
    assert.match((key.contents as { value: string }).value, /load-balancing algorithm/);
    const serviceKey = await client.request<Hover>('textDocument/hover', at(SERVICE, 'targetPort', 2));
    assert.match((serviceKey.contents as { value: string }).value, /Number or name of the port to access on the pods/);
  });

  it('F12 from {{ app.pgadmin4.port }} lands on its definition in apps.yml', async () => {
    const locations = await client.request<Location[]>('textDocument/definition', at(PROXY, 'port }}', 1));
    assert.deepEqual(locations.map(relativeOf), [APPS]);
    assert.deepEqual(locations[0]?.range.start, positionOf(text(APPS), 'port:'));
  });

  it('F12 from the stream port lands on the Service nodePort and the other hops', async () => {
    const locations = await client.request<Location[]>('textDocument/definition', at(ROUTES, '30164', 1));
    const service = locations.find((location) => relativeOf(location) === SERVICE);
    assert.deepEqual(service?.range.start, positionOf(text(SERVICE), '30165'));
    assert.ok(locations.some((location) => relativeOf(location) === PROXY));
  });

  it('F12 from proxy_pass goes to its stream, and from a group to the inventory', async () => {
    const stream = await client.request<Location[]>('textDocument/definition', at(ROUTES, 'stream_vadmin', 3));
    assert.deepEqual(stream.map((location) => [relativeOf(location), location.range.start]), [[ROUTES, positionOf(text(ROUTES), 'stream_vadmin', 0, 1)]]);
    const group = await client.request<Location[]>('textDocument/definition', at(ROUTES, 'kube_gateway_pool', 3));
    assert.deepEqual(group.map((location) => [relativeOf(location), location.range.start]), [[HOSTS, positionOf(text(HOSTS), 'kube_gateway_pool')]]);
  });

  it('finds every reference of an app across files', async () => {
    const locations = await client.request<Location[]>('textDocument/references', { ...at(ROUTES, 'pgadmin4', 2), context: { includeDeclaration: true } });
    assert.deepEqual(locations.map(relativeOf).sort(), [APPS, PROXY, PROXY, PROXY, ROUTES].sort());
  });

  it('renames an app in every file as one edit, touching only the name', async () => {
    const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', at(ROUTES, 'pgadmin4', 2));
    assert.equal(prepared.placeholder, 'pgadmin4');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(ROUTES, 'pgadmin4', 2), newName: 'pgadmin' });
    const changes = new Map<string, Edit[]>();
    for (const change of edit.documentChanges ?? []) if ('edits' in change) changes.set(URI.parse(change.textDocument.uri).fsPath.slice(root.length + 1), change.edits as Edit[]);
    assert.deepEqual([...changes.keys()].sort(), [APPS, PROXY, ROUTES].sort());
    assert.equal(applyEdits(text(PROXY), changes.get(PROXY) ?? []), text(PROXY).replaceAll('pgadmin4', 'pgadmin'));
    assert.equal(applyEdits(text(APPS), changes.get(APPS) ?? []), text(APPS).replace('pgadmin4', 'pgadmin'));
  });

  it('renames a stream and its proxy_pass, and refuses a bad or taken name', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(ROUTES, 'stream_vadmin', 3), newName: 'stream_pgadmin' });
    const [change] = (edit.documentChanges ?? []).filter((candidate) => 'edits' in candidate) as { edits: Edit[] }[];
    assert.equal(applyEdits(text(ROUTES), change?.edits ?? []), text(ROUTES).replaceAll('stream_vadmin', 'stream_pgadmin'));
    await assert.rejects(client.request('textDocument/rename', { ...at(ROUTES, 'stream_vadmin', 3), newName: 'bad name' }), /not a valid stream name/);
    await assert.rejects(client.request('textDocument/rename', { ...at(HOSTS, 'webservers_pool', 2), newName: 'kube_gateway_pool' }), /already exists/);
  });

  it('lists document symbols, workspace symbols and code lenses', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri(path(ROUTES)) } });
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['pgadmin4']);
    assert.deepEqual(symbols[0]?.children?.map((symbol) => symbol.name), ['/v-admin/', 'stream_vadmin']);
    const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'pgadm' });
    assert.ok(found.some((symbol) => symbol.name === 'pgadmin4' && symbol.containerName?.startsWith('protobox')));
    assert.ok(found.some((symbol) => symbol.name === 'postgresql/pgadmin'));
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.uri(path(SERVICE)) } });
    assert.equal(lenses[0]?.command?.title, '⚠ Service postgresql/pgadmin · HAProxy :30165 · Nginx /v-admin/');
    assert.equal(lenses[0]?.command?.command, 'kubeExpose.showLocations');
  });

  it('answers on every position of every example file without an error', async () => {
    for (const relative of [ROUTES, PROXY, APPS, SERVICE, HOSTS]) {
      const lines = text(relative).split('\n');
      for (let line = 0; line < lines.length; line++) {
        for (let character = 0; character <= (lines[line]?.length ?? 0); character += 3) {
          const params = { textDocument: { uri: client.uri(path(relative)) }, position: { line, character } };
          await client.request('textDocument/hover', params);
          await client.request('textDocument/definition', params);
          await client.request('textDocument/references', { ...params, context: { includeDeclaration: true } });
        }
      }
    }
  });
});
