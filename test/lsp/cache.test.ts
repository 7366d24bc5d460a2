import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TestClient } from '../helpers/lspClient';
import { copyToTemp, EXAMPLE, tempDir } from '../helpers/paths';

/** Every file's diagnostics as the editor holds them once the index is published. */
async function session(root: string, cacheFolder: string): Promise<{ shown: Record<string, unknown>; logs: string[] }> {
  const client = await TestClient.start(root, {}, false, undefined, { cacheFolder });
  try {
    const shown = Object.fromEntries([...client.diagnostics].filter(([, list]) => list.length).sort(([a], [b]) => a.localeCompare(b)));
    const logs = client.notifications.filter((note) => note.method === 'window/logMessage').map((note) => (note.params as { message: string }).message);
    return { shown, logs };
  } finally {
    await client.stop();
  }
}

describe('the server keeps its index in the folder the client gives', () => {
  it('a warm start shows the diagnostics of a cold one; a damaged cache is said, ignored and rewritten', async () => {
    const root = copyToTemp(EXAMPLE);
    const folder = tempDir();
    const cold = await session(root, folder);
    assert.ok(Object.keys(cold.shown).length > 0);
    const [name] = readdirSync(folder).filter((entry) => entry.endsWith('.cache'));
    assert.ok(name, 'the server wrote its cache');
    const warm = await session(root, folder);
    assert.deepEqual(warm.shown, cold.shown);
    assert.ok(!warm.logs.some((line) => line.includes('was not used')));

    // The shard holding the most entries, cut short.
    const [shard] = readdirSync(folder)
      .filter((entry) => entry.startsWith(`${name}.`) && /\.\d+$/.test(entry))
      .map((entry) => join(folder, entry))
      .sort((a, b) => readFileSync(b).length - readFileSync(a).length);
    assert.ok(shard, 'the cache has shard files');
    const bytes = readFileSync(shard);
    writeFileSync(shard, bytes.subarray(0, bytes.length - 10));
    const damaged = await session(root, folder);
    assert.deepEqual(damaged.shown, cold.shown);
    assert.ok(damaged.logs.some((line) => line.includes('was not used (it is truncated)')));
    const again = await session(root, folder);
    assert.ok(!again.logs.some((line) => line.includes('was not used')));
  });
});
