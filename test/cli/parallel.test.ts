import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { generatedRepository } from '../helpers/generated';
import { CLI, EXAMPLE, FIXTURES, REPO } from '../helpers/paths';

/** The CLI with the parallel index from `minFiles` files on (0: always on worker threads). */
function check(root: string, minFiles: number): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', root], { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, KUBE_EXPOSE_PARALLEL_MIN_FILES: String(minFiles) } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kube-expose check on worker threads', () => {
  let generated: string;
  before(() => {
    generated = generatedRepository({ envs: 3, apps: 100, seed: 11 });
  });

  it('reports what the sequential path reports, on a generated repository', () => {
    const sequential = check(generated, 1_000_000);
    assert.equal(sequential.status, 1, sequential.stderr);
    assert.ok((JSON.parse(sequential.stdout) as { diagnostics: unknown[] }).diagnostics.length >= 9);
    assert.deepEqual(check(generated, 0), sequential);
  });

  it('reports what the sequential path reports, on the example and every fixture', () => {
    for (const root of [EXAMPLE, ...readdirSync(FIXTURES).map((name) => join(FIXTURES, name))]) assert.deepEqual(check(root, 0), check(root, 1_000_000), root);
  });
});
