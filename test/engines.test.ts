import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers/paths';

/** The part of semver that npm itself uses to decide on an EBADENGINE warning (npm-install-checks). */
interface Semver {
  satisfies(version: string, range: string, options?: { includePrerelease?: boolean }): boolean;
  minVersion(range: string): { version: string } | null;
}
const semver = createRequire(join(REPO, 'package.json'))('semver') as Semver;

interface Locked {
  readonly version?: string;
  readonly engines?: unknown;
}
const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, Locked> };
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } };

/** Each locked package (name@version) whose `engines` field refuses the given Node or npm version. */
function refusing(node: string, npm: string | undefined): string[] {
  const refused: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || typeof entry.engines !== 'object' || entry.engines === null) continue;
    const engines = entry.engines as Record<string, unknown>;
    const name = `${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version ?? '?'}`;
    if (typeof engines['node'] === 'string' && !semver.satisfies(node, engines['node'], { includePrerelease: true })) refused.push(`${name} wants node ${engines['node']}`);
    if (npm !== undefined && typeof engines['npm'] === 'string' && !semver.satisfies(npm, engines['npm'], { includePrerelease: true })) refused.push(`${name} wants npm ${engines['npm']}`);
  }
  return refused;
}

describe('Node versions (npm ci prints no EBADENGINE warning)', () => {
  it('every locked package accepts the Node and npm running this test, as npm ci checks them', () => {
    const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim() || undefined;
    assert.deepEqual(refusing(process.version, npm), []);
  });

  it('every locked package accepts the oldest Node that package.json engines allows for development', () => {
    const oldest = semver.minVersion(manifest.engines.node)?.version ?? '';
    assert.match(oldest, /^20\./, `the development tools run on Node 20 (engines.node is ${manifest.engines.node})`);
    assert.deepEqual(refusing(oldest, undefined), []);
  });
});
