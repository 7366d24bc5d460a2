import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
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

const indexed = (client: TestClient): boolean =>
  client.notifications.some((note) => note.method === 'kubeExpose/status' && (note.params as { indexing: boolean }).indexing === false);

describe('a file opened and edited before the workspace is indexed', () => {
  for (const workers of [true, false]) {
    it(`is answered (hover, completion) and shown with its own problems before the index, then as a fresh check shows it (${workers ? 'worker threads' : 'this thread'})`, async () => {
      const root = copyToTemp(join(FIXTURES, 'bad-port-mismatch'));
      appendFileSync(join(root, ROUTES), moreEntries(100));
      const path = join(root, ROUTES);
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const saved = process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'];
      process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'] = workers ? '0' : '1000000';
      const early = await TestClient.start(root, {}, false, held);
      if (saved === undefined) delete process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'];
      else process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES'] = saved;
      const reference = await start(root, false);
      try {
        const text = readFileSync(path, 'utf8');
        await early.open(path, text);
        // A schema error of its own, far down the file, then the planted mismatch fixed.
        const late = positionOf(text, `port: ${31000 + 80}`, 6);
        const fix = positionOf(text, '30164');
        const edits = [
          [{ range: { start: late, end: { line: late.line, character: late.character + 5 } }, text: '[x]' }],
          [{ range: { start: fix, end: { line: fix.line, character: fix.character + 5 } }, text: '30165' }],
        ];
        for (const edit of edits) await early.change(path, edit);
        const hover = await early.request<Hover | null>('textDocument/hover', { textDocument: { uri: early.uri(path) }, position: positionOf(text, 'proxy_pass', 2) });
        assert.match(JSON.stringify(hover), /Where the block sends requests/);
        const completion = await early.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri: early.uri(path) }, position: positionOf(text, 'group: kube_gateway_pool', 0, 90) });
        // The keys the schema allows there, read from the file alone.
        const items = Array.isArray(completion) ? completion : completion.items;
        assert.ok(items.some((item) => item.label === 'group'), JSON.stringify(items.map((item) => item.label)));
        assert.ok(!indexed(early), 'answered while the index waits');
        assert.deepEqual(early.diagnosticsOf(path).map((diagnostic) => diagnostic.code), ['schema'], 'before the index, only what the file says on its own');
        release();
        await early.waitFor(() => indexed(early));
        await reference.open(path, text);
        for (const edit of edits) await reference.change(path, edit);
        await reference.request('textDocument/hover', { textDocument: { uri: reference.uri(path) }, position: fix });
        assert.deepEqual(sorted(early), sorted(reference));
      } finally {
        release();
        await early.stop();
        await reference.stop();
      }
    });
  }
});
