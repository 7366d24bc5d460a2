// The in-editor suite: downloads VS Code (so it is not part of `npm test`), opens a copy of the example
// workspace with only this extension enabled, and runs suite/index.cjs in the extension host.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const workspace = mkdtempSync(join(tmpdir(), 'kube-expose-vscode-'));
cpSync(join(root, 'examples/protobox'), workspace, { recursive: true });
const userData = mkdtempSync(join(tmpdir(), 'kube-expose-user-'));

try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'test/vscode/suite/index.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userData}`],
  });
} catch (error) {
  console.error(`The in-editor tests could not run: ${error instanceof Error ? error.message : String(error)}`);
  console.error('They download VS Code first: run them on a machine that reaches update.code.visualstudio.com.');
  process.exit(1);
}
