import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO, tempDir } from './paths';

export interface Installed {
  /** The tarball `npm run package:npm` writes (here from the bundles the test build left in dist/). */
  tarball: string;
  /** `npm install -g --prefix` target; its bin/ holds both commands. */
  prefix: string;
  bin: string;
  /** PATH with the installed commands first. */
  env: NodeJS.ProcessEnv;
}

/** Runs what `npm run package:npm` runs after its build; returns the tarball's path. */
export function pack(): string {
  return execFileSync(process.execPath, [join(REPO, 'scripts/package-npm.mjs'), '--out', tempDir()], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/**
 * Packs the npm package and installs it globally into an empty prefix, as a user would. The production build that
 * `npm run package:npm` runs first would rewrite dist/ under the other test files' feet, so it is skipped here.
 */
export function packAndInstall(): Installed {
  const tarball = pack();
  const prefix = tempDir();
  // --offline: the package has no dependency, so nothing may come from the registry.
  const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`npm install -g failed: ${install.stdout}${install.stderr}`);
  const bin = join(prefix, 'bin');
  return { tarball, prefix, bin, env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } };
}
