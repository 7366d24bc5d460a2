import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { REPO, tempDir } from './paths';

/**
 * A benchmark repository (bench/generate.mjs, an ESM script the CJS test bundles cannot import) written to a
 * temporary folder: real chains, mistakes, and enough files for the parallel index to start workers.
 */
export function generatedRepository(options: { envs: number; apps: number; seed?: number }): string {
  const dir = tempDir();
  const script = `import { generateRepository } from ${JSON.stringify(pathToFileURL(join(REPO, 'bench', 'generate.mjs')).href)};
generateRepository({ dir: ${JSON.stringify(dir)}, seed: ${options.seed ?? 7}, envs: ${options.envs}, apps: ${options.apps}, mismatches: 3 });`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`bench/generate.mjs failed: ${result.stderr}`);
  return dir;
}
