import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { TestClient } from '../helpers/lspClient';
import { copyToTemp, EXAMPLE } from '../helpers/paths';
import { positionOf } from '../helpers/text';

/** A server started with the parallel index forced on, whatever the workspace's size. */
async function start(root: string, minFiles: number): Promise<TestClient> {
  const saved = process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'];
  process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'] = String(minFiles);
  try {
    return await TestClient.start(root);
  } finally {
    if (saved === undefined) delete process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'];
    else process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'] = saved;
  }
}

const logged = (client: TestClient): string[] => client.notifications.filter((note) => note.method === 'window/logMessage').map((note) => (note.params as { message: string }).message);

describe('editor features on files indexed by worker threads', () => {
  let root: string;
  let client: TestClient;
  let reference: TestClient;
  const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
  const PROXY = 'inventories/protobox/kube_gateway_pool/proxy.yml';
  const APPS = 'inventories/protobox/group_vars/all/apps.yml';
  const SERVICE = 'k8s/postgresql/pgadmin-service.yml';
  const path = (relative: string): string => join(root, relative);
  const text = (relative: string): string => readFileSync(path(relative), 'utf8');
  const at = (relative: string, needle: string, shift = 0) => ({ textDocument: { uri: client.uri(path(relative)) }, position: positionOf(text(relative), needle, shift) });

  before(async () => {
    root = copyToTemp(EXAMPLE);
    client = await start(root, 0);
    reference = await start(root, 1_000_000);
    await client.waitFor(() => logged(client).some((message) => /^Indexed \d+ files in \d+ ms \(1 worker thread\)$/.test(message)));
    await reference.waitFor(() => logged(reference).some((message) => message.startsWith('Indexed ')));
  });
  after(async () => {
    await client.stop();
    await reference.stop();
  });

  it('publishes the diagnostics of the sequential index', () => {
    assert.deepEqual(logged(client).filter((message) => message.includes('without worker threads')), [], 'the worker next to the server bundle built every file');
    assert.ok(client.diagnosticsOf(path(ROUTES)).length > 0);
    assert.deepEqual(new Map([...client.diagnostics].sort()), new Map([...reference.diagnostics].sort()));
  });

  it('answers hover, definition, completion and symbols in files no one opened, parsing them on demand', async () => {
    const key = await client.request<Hover>('textDocument/hover', at(PROXY, 'balance', 2));
    assert.match((key.contents as { value: string }).value, /load-balancing algorithm/);
    const serviceKey = await client.request<Hover>('textDocument/hover', at(SERVICE, 'targetPort', 2));
    assert.match((serviceKey.contents as { value: string }).value, /Number or name of the port to access on the pods/);
    const locations = await client.request<Location[]>('textDocument/definition', at(PROXY, 'port }}', 1));
    assert.deepEqual(locations.map((location) => URI.parse(location.uri).fsPath), [path(APPS)]);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri(path(APPS)) } });
    assert.ok(symbols.length > 0);
    for (const [relative, needle, shift] of [[PROXY, 'balance', 9], [ROUTES, 'proxy_pass', 0], [SERVICE, 'targetPort', 0]] as const) {
      const params = at(relative, needle, shift);
      const [ours, theirs] = await Promise.all([client.request<CompletionList>('textDocument/completion', params), reference.request<CompletionList>('textDocument/completion', params)]);
      assert.deepEqual(ours, theirs, `${relative} at ${needle}+${shift}`);
    }
  });

  it('opens and edits a worker-indexed file as any other', async () => {
    const routes = path(ROUTES);
    for (const each of [client, reference]) await each.open(routes, text(ROUTES));
    const position = positionOf(text(ROUTES), '30164');
    const edit = [{ range: { start: position, end: { line: position.line, character: position.character + 5 } }, text: '30165' }];
    for (const each of [client, reference]) await each.change(routes, edit);
    await client.waitFor(() => client.diagnosticsOf(routes).length === 0);
    await reference.waitFor(() => reference.diagnosticsOf(routes).length === 0);
    const hover = await client.request<Hover>('textDocument/hover', at(ROUTES, 'stream_vadmin', 3));
    assert.ok(hover, 'hover in the edited file');
    assert.deepEqual(new Map([...client.diagnostics].sort()), new Map([...reference.diagnostics].sort()));
  });
});
