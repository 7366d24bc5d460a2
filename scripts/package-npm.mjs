// @ts-check
/**
 * `npm run package:npm`: the npm package `kube-expose` (the CLI and the language server, for CI and for every
 * editor), from the bundles in dist/, as kube-expose-<version>.tgz at the root (or in `--out DIR`). The package is
 * staged in a temporary folder so that none of the extension's manifest (contributions, dev dependencies) leaks in.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLES = ['cli.js', 'server.js', 'modelWorker.js', 'kube-expose.schema.json'];
const outFlag = process.argv.indexOf('--out');
const out = resolve(outFlag === -1 ? ROOT : (process.argv[outFlag + 1] ?? ROOT));

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const missing = BUNDLES.filter((name) => !existsSync(join(ROOT, 'dist', name)));
if (missing.length > 0) {
  console.error(`package-npm: dist/ lacks ${missing.join(', ')}: run npm run build first (npm run package:npm does)`);
  process.exit(2);
}

const stage = mkdtempSync(join(tmpdir(), 'kube-expose-npm-'));
try {
  mkdirSync(join(stage, 'dist'));
  mkdirSync(join(stage, 'bin'));
  for (const name of BUNDLES) cpSync(join(ROOT, 'dist', name), join(stage, 'dist', name));
  cpSync(join(ROOT, 'packaging/npm/language-server.cjs'), join(stage, 'bin/kube-expose-language-server.cjs'));
  chmodSync(join(stage, 'bin/kube-expose-language-server.cjs'), 0o755);
  chmodSync(join(stage, 'dist/cli.js'), 0o755);
  cpSync(join(ROOT, 'schemas'), join(stage, 'schemas'), { recursive: true });
  cpSync(join(ROOT, 'editors'), join(stage, 'editors'), { recursive: true });
  cpSync(join(ROOT, 'packaging/npm/README.md'), join(stage, 'README.md'));
  for (const name of ['LICENSE', 'CHANGELOG.md']) cpSync(join(ROOT, name), join(stage, name));
  const npmManifest = {
    name: 'kube-expose',
    version: manifest.version,
    description: manifest.description,
    license: manifest.license,
    repository: manifest.repository,
    keywords: manifest.keywords,
    engines: { node: '>=20' },
    bin: { 'kube-expose': 'dist/cli.js', 'kube-expose-language-server': 'bin/kube-expose-language-server.cjs' },
    files: ['dist/', 'bin/', 'schemas/', 'editors/', 'CHANGELOG.md'],
  };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(npmManifest, null, 2)}\n`);
  mkdirSync(out, { recursive: true });
  // --ignore-scripts: the staged package has none, and npm must not look for the repository's.
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', out], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  console.log(join(out, packed.trim().split('\n').pop() ?? ''));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
