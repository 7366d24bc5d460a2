import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MAX_MEMORY_MB, OutOfMemoryWatch, outOfMemoryMessage, serverExecArgv } from '../client/src/serverMemory';

describe('the server heap cap (kubeExpose.server.maxMemory)', () => {
  it('starts the server with the cap of the setting, or the default when the setting is not a number', () => {
    assert.deepEqual(serverExecArgv(2048), ['--max-old-space-size=2048']);
    assert.deepEqual(serverExecArgv(undefined), [`--max-old-space-size=${DEFAULT_MAX_MEMORY_MB}`]);
    assert.deepEqual(serverExecArgv('lots'), [`--max-old-space-size=${DEFAULT_MAX_MEMORY_MB}`]);
    assert.deepEqual(serverExecArgv(8), ['--max-old-space-size=128']);
  });

  it('recognises what Node really writes when a process exhausts its heap, even cut in pieces, and says it once', () => {
    const aborted = spawnSync(process.execPath, ['--max-old-space-size=16', '-e', 'const kept = []; for (;;) kept.push(new Array(1e5).fill(1));'], { encoding: 'utf8', timeout: 60_000 });
    assert.notEqual(aborted.status, 0);
    const watch = new OutOfMemoryWatch();
    const pieces = aborted.stderr.match(/[\s\S]{1,7}/g) ?? [];
    const said = pieces.filter((piece) => watch.feed(piece));
    assert.equal(said.length, 1, aborted.stderr);
    assert.ok(watch.outOfMemory);
    watch.reset();
    assert.equal(watch.outOfMemory, false);
    assert.equal(new OutOfMemoryWatch().feed('Indexed 120 files in 40 ms\n'), false);
  });

  it('tells the user plainly what happened and which setting to change', () => {
    assert.match(outOfMemoryMessage(1024), /ran out of memory \(its heap cap is 1024 MB, setting kubeExpose\.server\.maxMemory\)/);
  });
});
