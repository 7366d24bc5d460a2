import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI, REPO, tempDir } from '../helpers/paths';

const START = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start'] ?? '';

/** `npm start`, the project's own script, in a folder whose build and checker end as told. */
function npmStart(build: string, checkerStatus: number): number | null {
  const root = tempDir();
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'start-probe', private: true, scripts: { build, start: START } }));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'cli.js'), `process.exit(${checkerStatus});\n`);
  return spawnSync('npm', ['start', '--silent'], { cwd: root, encoding: 'utf8', timeout: 60_000 }).status;
}

describe('npm start', () => {
  it('succeeds when the checker ran and reported, with or without errors', () => {
    assert.equal(npmStart('true', 0), 0);
    assert.equal(npmStart('true', 1), 0);
  });

  it('fails when the build fails or the checker fails', () => {
    // esbuild exits 1 on a syntax error, as the checker does on problems found: the two must not be confused.
    assert.notEqual(npmStart('exit 1', 0), 0);
    assert.notEqual(npmStart('true', 2), 0);
  });

  it('relies on a checker that turns an unexpected exception into exit 2, with a message', () => {
    const preload = join(tempDir(), 'plant.js');
    writeFileSync(preload, "process.cwd = () => { throw new TypeError('planted failure'); };\n");
    const result = spawnSync(process.execPath, ['-r', preload, CLI, 'check', 'examples/protobox'], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^kube-expose: internal error: TypeError: planted failure/);
  });
});
