// Builds the extension client, the language server, the CLI and the test files.
// The server and CLI have no externals so that they run from the .vsix without node_modules.
import * as esbuild from 'esbuild';
import { lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeSettingsSchema } from './scripts/settings-schema.mjs';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const watch = process.argv.includes('--watch');

/** @param {string} dir @returns {string[]} */
function testFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'fixtures' || name === 'adversarial' || name === 'vscode') continue;
    if (lstatSync(path).isDirectory()) found.push(...testFiles(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // yaml's ESM build: bundled as CommonJS, every `isMap`/`isPair` call would go through an interop getter.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

const contexts = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/server.ts' }, outdir: 'dist', define: { KUBE_EXPOSE_VERSION: JSON.stringify(version) } },
  // Worker threads of the server and the CLI build file models in parallel; both find it next to themselves.
  { ...common, entryPoints: { modelWorker: 'server/src/node/modelWorker.ts' }, outdir: 'dist' },
  // The CLI is the package's `bin`: it needs a shebang, and knows its version.
  { ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, define: { KUBE_EXPOSE_VERSION: JSON.stringify(version) } },
];
if (!production) {
  rmSync('out', { recursive: true, force: true });
  contexts.push({ ...common, entryPoints: testFiles('test'), outdir: 'out/test', outbase: 'test', external: ['vscode', 'yaml-language-server'] });
}

// The schema VS Code applies to .kube-expose.json (contributes.jsonValidation), from the settings of package.json.
writeSettingsSchema('package.json', 'dist/kube-expose.schema.json');

if (watch) {
  for (const options of contexts) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(contexts.map((options) => esbuild.build(options)));
}
