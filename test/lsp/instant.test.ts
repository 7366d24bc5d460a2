import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient';
import { copyToTemp, FIXTURES } from '../helpers/paths';
import { positionOf } from '../helpers/text';

/** A server started with the parallel index on or off, whatever the workspace's size. */
async function start(root: string, workers: boolean): Promise<TestClient> {
  const saved = process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'];
  process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'] = workers ? '0' : '1000000';
  try {
    return await TestClient.start(root);
  } finally {
    if (saved === undefined) delete process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'];
    else process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'] = saved;
  }
}

const ROUTES = 'inventories/prod/webservers_pool/routes.yml';

/** Many more entries, as a real routes.yml has: readying the file for edits then takes many steps. */
function moreEntries(count: number): string {
  return Array.from({ length: count }, (_, i) => `\napp${i}:\n  webserver:\n    - location: /app${i}/\n      params:\n        proxy_pass:\n          values: http://stream_app${i}\n  stream:\n    name: stream_app${i}\n    port: ${31000 + i}\n    group: kube_gateway_pool\n`).join('');
}

const sorted = (client: TestClient) => new Map([...client.diagnostics].sort(([a], [b]) => a.localeCompare(b)));

describe('the first edits of a file the workers indexed', () => {
  let root: string;
  let client: TestClient;
  let reference: TestClient;
  const routes = (): string => join(root, ROUTES);

  before(async () => {
    root = copyToTemp(join(FIXTURES, 'bad-port-mismatch'));
    appendFileSync(join(root, ROUTES), moreEntries(300));
    client = await start(root, true);
    reference = await start(root, false);
  });
  after(async () => {
    await client.stop();
    await reference.stop();
  });

  it('get, sent as the file opens (its entries not parsed yet), the diagnostics of a server that read it whole', async () => {
    const text = readFileSync(routes(), 'utf8');
    const fix = positionOf(text, '30164');
    const late = positionOf(text, `port: ${31000 + 250}`, 6);
    for (const each of [client, reference]) {
      await each.open(routes(), text);
      // The planted mismatch fixed, and a new one made far down the file.
      await each.change(routes(), [{ range: { start: fix, end: { line: fix.line, character: fix.character + 5 } }, text: '30165' }]);
      await each.change(routes(), [{ range: { start: late, end: { line: late.line, character: late.character + 5 } }, text: '30171' }]);
    }
    // A request is answered after the edits before it are checked and published.
    const hover = { textDocument: { uri: client.uri(routes()) }, position: { line: late.line, character: late.character + 2 } };
    const [ours, theirs] = await Promise.all([client.request<Hover | null>('textDocument/hover', hover), reference.request<Hover | null>('textDocument/hover', hover)]);
    assert.deepEqual(ours, theirs);
    const lines = client.diagnosticsOf(routes()).map((diagnostic) => `${diagnostic.range.start.line}:${String(diagnostic.code)}`);
    assert.ok(!lines.includes(`${fix.line}:port-mismatch`), lines.join(', '));
    assert.deepEqual(sorted(client), sorted(reference));
  });

  it('keep matching a fresh check as typing goes on', async () => {
    const text = readFileSync(routes(), 'utf8');
    const at = positionOf(text, `port: ${31000 + 10}`, 6);
    for (let i = 0; i < 6; i++) {
      for (const each of [client, reference]) await each.change(routes(), [{ range: { start: at, end: { line: at.line, character: at.character + 5 } }, text: i % 2 ? '31010' : '30165' }]);
    }
    const hover = { textDocument: { uri: client.uri(routes()) }, position: at };
    const [ours, theirs] = await Promise.all([client.request<Hover | null>('textDocument/hover', hover), reference.request<Hover | null>('textDocument/hover', hover)]);
    assert.deepEqual(ours, theirs);
    assert.deepEqual(sorted(client), sorted(reference));
  });
});
