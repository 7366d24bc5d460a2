// The in-editor suite (`npm run test:vscode`, after a build). It is not part of `npm test` because
// @vscode/test-electron first downloads VS Code (into .vscode-test/, VSCODE_VERSION or the latest stable), then
// opens a temporary copy of examples/protobox/ with only this extension enabled and a temporary user data
// folder (short names: VS Code may put its IPC socket there, and macOS limits socket paths), and runs suite/index.cjs in
// its extension host.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const version = process.env.VSCODE_VERSION ?? 'stable';
const message = (error) => (error instanceof Error ? error.message : String(error));

if (!existsSync(join(root, 'dist/client.js')) || !existsSync(join(root, 'dist/server.js'))) {
  console.error('dist/client.js or dist/server.js is missing: run `npm run test:vscode`, which builds first.');
  process.exit(1);
}

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: join(root, '.vscode-test') });
} catch (error) {
  console.error(`\nThe in-editor tests did not run: VS Code ${version} could not be downloaded (${message(error)}).`);
  console.error('They need a machine that reaches update.code.visualstudio.com once (the copy is kept in .vscode-test/).');
  console.error('Everything below the editor is tested offline by `npm test`.');
  process.exit(1);
}

const workspace = mkdtempSync(join(tmpdir(), 'ke-workspace-'));
const userData = mkdtempSync(join(tmpdir(), 'ke-user-'));
cpSync(join(root, 'examples/protobox'), workspace, { recursive: true });
let status = 1;
try {
  status = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'test/vscode/suite/index.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userData}`],
  });
} catch (error) {
  console.error(`\nThe in-editor tests failed: ${message(error)}`);
} finally {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
}
process.exit(status);
