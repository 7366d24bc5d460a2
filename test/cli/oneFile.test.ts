import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generatedRepository } from '../helpers/generated';
import { CLI, tempDir } from '../helpers/paths';

describe('the one-file CLI (tools/kube-expose.js, as the README recommends for CI)', () => {
  it('keeps its worker threads when copied alone, on the medium benchmark repository', () => {
    const repository = generatedRepository({ envs: 3, apps: 500, seed: 5 });
    const tools = join(tempDir(), 'tools');
    mkdirSync(tools);
    const copy = join(tools, 'kube-expose.js');
    copyFileSync(CLI, copy);
    const result = spawnSync(process.execPath, [copy, 'check', '--format', 'json', repository], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, KUBE_EXPOSE_REPORT_THREADS: '1' } });
    assert.equal(result.status, 1, result.stderr);
    const [, workers, onMain] = /kube-expose: (\d+) worker threads, (\d+) files on the main thread/.exec(result.stderr) ?? [];
    assert.ok(Number(workers) >= 1, `no worker thread started: ${result.stderr}`);
    assert.equal(onMain, '0', `the workers failed and the files were read on the main thread: ${result.stderr}`);
    assert.ok((JSON.parse(result.stdout) as { diagnostics: unknown[] }).diagnostics.length >= 9);
  });
});
