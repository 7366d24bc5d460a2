import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPO, tempDir } from '../helpers/paths';

/**
 * A long editing session under a heap cap that the server needs about a third of: before issue #20 was fixed,
 * every keystroke kept a copy of the edited file alive and the server aborted (V8 heap exhausted) after some
 * 600 keystroke pairs of this session. The verdict is on memory and survival, never on time.
 */
describe('a long editing session', () => {
  it('keeps the server heap flat: 1,500 keystroke pairs in a 6,400-line routes.yml, 1,000 Service opens, 500 watched-file changes, under a 100 MB heap', () => {
    const result = spawnSync(
      process.execPath,
      [join(REPO, 'bench', 'soak.mjs'), '--size', 'medium', '--dir', join(tempDir(), 'repo'), '--pairs', '1500', '--warmup', '300', '--heap', '100', '--service-rounds', '2', '--watched', '10', '--watched-files', '50', '--json'],
      { encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 1 << 24 },
    );
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { aborted?: boolean; error?: string; exit?: unknown; heapGrowthMB?: number; atEnd?: { collected: boolean } };
    assert.equal(report.error, undefined, `the session failed: ${report.error} (server exit ${JSON.stringify(report.exit)})`);
    assert.equal(report.aborted, false, `the server aborted: ${JSON.stringify(report.exit)}`);
    assert.equal(report.atEnd?.collected, true, 'the heap was measured after a full garbage collection');
    assert.ok((report.heapGrowthMB ?? Infinity) <= 10, `heap used grew by ${report.heapGrowthMB} MB after the first 300 pairs`);
  });
});
