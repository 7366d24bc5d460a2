// npm run test:e2e: the packaged extension in a real VS Code workbench, offline. code-server (VS Code's workbench
// and extension host, from npm) runs the .vsix; Debian's Chromium, driven by playwright-core, plays the user.
// The tools install once into ~/.cache/kube-expose-e2e (or $KUBE_EXPOSE_E2E_TOOLS); see the README.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, installExtension, startCodeServer } from './codeServer.mjs';
import { steps } from './steps.mjs';
import { CHROMIUM, ensureTools } from './tools.mjs';
import { Workbench } from './workbench.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test', 'e2e', 'artifacts');

/** What must be stopped or removed however the run ends, also on Ctrl+C. */
const cleanups = [];
async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`# cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void cleanUp().then(() => process.exit(130));
  });
}

function packageExtension() {
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const vsix = join(tmpdir(), `${name}-${version}-e2e-${process.pid}.vsix`);
  execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  cleanups.push(() => rmSync(vsix, { force: true }));
  return vsix;
}

/** Chromium as a browser server, whose process (and PID) this script owns, then a client connected to it. */
async function launchBrowser(playwright) {
  const { chromium } = await import(playwright);
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const pid = server.process().pid;
  cleanups.push(async () => {
    await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    // A browser that did not close is stopped by its PID.
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Closed already.
    }
  });
  return chromium.connect(server.wsEndpoint());
}

async function main() {
  const tools = ensureTools();
  const vsix = packageExtension();
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'kube-expose-e2e-'));
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  const workspace = join(scratch, 'protobox');
  cpSync(join(ROOT, 'examples', 'protobox'), workspace, { recursive: true });
  mkdirSync(join(scratch, 'user', 'User'), { recursive: true });
  writeFileSync(
    join(scratch, 'user', 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'workbench.tips.enabled': false,
      'editor.lightbulb.enabled': 'on',
      'workbench.editor.enablePreview': false,
      // code-server saves after a delay by default: the steps save when a user would.
      'files.autoSave': 'off',
      // Completions must come from the extension, not from the words of the file.
      'editor.wordBasedSuggestions': 'off',
    }),
  );
  const dirs = ['--user-data-dir', join(scratch, 'user'), '--extensions-dir', join(scratch, 'extensions')];
  installExtension(tools, dirs, vsix);
  const port = await freePort();
  const log = openSync(join(ARTIFACTS, 'code-server.log'), 'w');
  const server = await startCodeServer(tools, dirs, workspace, port, log);
  cleanups.push(() => server.stop());
  console.log(`# code-server ${port} (pid ${server.pid}), workspace ${workspace}`);

  const browser = await launchBrowser(tools.playwright);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const bench = new Workbench(page, ARTIFACTS);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await bench.until('the workbench', async () => (await page.locator('.monaco-workbench').count()) > 0, 120_000);
  await bench.until('the Explorer', async () => (await page.locator('.explorer-folders-view .monaco-list-row').count()) > 0, 120_000);

  console.log(`1..${steps.length}`);
  let failed = 0;
  for (const [index, step] of steps.entries()) {
    const started = Date.now();
    bench.step = index + 1;
    try {
      await step.run(bench);
      const shot = await bench.screenshot(step.name);
      console.log(`ok ${index + 1} - ${step.title} (${Date.now() - started} ms, ${shot.slice(ROOT.length + 1)})`);
    } catch (error) {
      failed++;
      const shot = await bench.screenshot(`${step.name}-FAILED`).catch(() => 'no screenshot');
      console.log(`not ok ${index + 1} - ${step.title}\n# ${error instanceof Error ? error.message : String(error)}\n# see ${shot}`);
      // The later steps build on this one: stop here rather than report failures that only follow from it.
      break;
    }
  }
  return failed;
}

main()
  .then(async (failed) => {
    await cleanUp();
    process.exit(failed ? 1 : 0);
  })
  .catch(async (error) => {
    console.error(`not ok - ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanUp();
    process.exit(1);
  });
