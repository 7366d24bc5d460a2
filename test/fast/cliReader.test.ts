import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generatedRepository } from '../helpers/generated';
import { CLI, FIXTURES, REPO } from '../helpers/paths';

/** The CLI on worker threads (from 0 files on), with `--reader` when given. */
function check(root: string, reader?: string): { status: number | null; stdout: string; stderr: string } {
  const args = [CLI, 'check', '--format', 'json', root, ...(reader === undefined ? [] : ['--reader', reader])];
  const result = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, KUBE_EXPOSE_PARALLEL_MIN_FILES: '0' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kube-expose check --reader', () => {
  it('gives the same report with the fast reader (the default) and with --reader yaml', () => {
    const generated = generatedRepository({ envs: 2, apps: 150, seed: 5 });
    const yaml = check(generated, 'yaml');
    assert.equal(yaml.status, 1, yaml.stderr);
    assert.ok((JSON.parse(yaml.stdout) as { diagnostics: unknown[] }).diagnostics.length >= 3);
    assert.deepEqual(check(generated), yaml);
    assert.deepEqual(check(generated, 'fast'), yaml);
    for (const name of readdirSync(FIXTURES)) assert.deepEqual(check(join(FIXTURES, name)), check(join(FIXTURES, name), 'yaml'), name);
  });

  it('refuses an unknown reader as bad usage', () => {
    const result = check(join(FIXTURES, 'clean-multi-env'), 'fastest');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--reader must be fast or yaml/);
  });
});
