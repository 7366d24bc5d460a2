import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Test bundles live in out/test/<dir>/: the repository root is found from the source layout. */
export const REPO = resolve(__dirname, __dirname.includes(`${join('out', 'test')}/`) ? '../../..' : '../..');
export const FIXTURES = join(REPO, 'test', 'fixtures');
export const EXAMPLE = join(REPO, 'examples', 'protobox');
export const CLI = join(REPO, 'dist', 'cli.js');
export const SERVER = join(REPO, 'dist', 'server.js');

const temporary: string[] = [];
process.on('exit', () => {
  for (const directory of temporary) rmSync(directory, { recursive: true, force: true });
});

/** A new empty folder, removed when the test process ends. */
export function tempDir(): string {
  const directory = mkdtempSync(join(tmpdir(), 'kube-expose-'));
  temporary.push(directory);
  return directory;
}

/** A private copy of a folder, so a test may edit it freely. */
export function copyToTemp(source: string): string {
  const target = tempDir();
  cpSync(source, target, { recursive: true });
  return target;
}
