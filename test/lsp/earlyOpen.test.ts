import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient';
import { copyToTemp, EXAMPLE } from '../helpers/paths';

const indexed = (client: TestClient): boolean =>
  client.notifications.some((note) => note.method === 'kubeExpose/status' && (note.params as { indexing: boolean }).indexing === false);

/** What the editor shows for `path` once `client` has it open and has published it. */
async function openAndRead(client: TestClient, path: string): Promise<Diagnostic[]> {
  client.diagnostics.delete(path);
  await client.open(path, readFileSync(path, 'utf8'));
  await client.waitFor(() => client.diagnostics.has(path));
  return client.diagnosticsOf(path);
}

/**
 * A large workspace takes seconds to index. A file opened meanwhile must not show, and then take back, a
 * "missing link" for every entry whose other hops are in files not read yet.
 */
describe('a file opened while the workspace is still being indexed', () => {
  const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
  for (const [name, mistake, earlyCodes] of [
    ['a port mismatch', (text: string) => text, []],
    ['a port mismatch and a schema error', (text: string) => text.replace('type: repeat', 'type: 7'), ['schema']],
  ] as const) {
    it(`shows only the file's own problems until the index is complete, then all of them: ${name}`, async () => {
      const workspace = copyToTemp(EXAMPLE);
      const path = join(workspace, ROUTES);
      writeFileSync(path, mistake(readFileSync(path, 'utf8')));
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const early = await TestClient.start(workspace, {}, false, held);
      const reference = await TestClient.start(workspace);
      try {
        const shownEarly = await openAndRead(early, path);
        assert.deepEqual(
          shownEarly.map((diagnostic) => diagnostic.code),
          earlyCodes,
          'before the index, only what the file says on its own',
        );
        release();
        // The status that ends the indexing follows the diagnostics it published.
        await early.waitFor(() => indexed(early));
        const expected = await openAndRead(reference, path);
        assert.ok(expected.length > shownEarly.length, 'the file has cross-file problems too');
        assert.deepEqual(early.diagnosticsOf(path), expected);
        for (const diagnostic of shownEarly) assert.ok(expected.some((final) => JSON.stringify(final) === JSON.stringify(diagnostic)), 'nothing shown early is taken back');
      } finally {
        release();
        await early.stop();
        await reference.stop();
      }
    });
  }
});
