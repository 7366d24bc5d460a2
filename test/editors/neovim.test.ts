import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { packAndInstall, type Installed } from '../helpers/npmPackage';
import { EXAMPLE, REPO, copyToTemp, tempDir } from '../helpers/paths';
import { readmeBlock, withoutComments } from '../helpers/readmeBlocks';
import { runShell } from '../helpers/shell';
import { missingTool } from '../helpers/tools';

// `npm run test:nvim` sets KUBE_EXPOSE_REQUIRE_NVIM: there a missing Neovim fails, with how to install it.
const missing = missingTool('nvim', 'apt-get install neovim', 'KUBE_EXPOSE_REQUIRE_NVIM');
const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
const ERROR = 1;

interface Played {
  steps: string[];
  error?: string;
  filetype: string;
  client: { name: string; cmd: string[]; root: string } | null;
  diagnostics: { file: string; code: string; severity: number; lnum: number; col: number; message: string }[];
  hover: string | null;
  definition: { file: string; line: number; text: string };
  fix: { titles: string[]; chosen: string | null; line: string; errors_left: { severity: number }[] };
}

/** Runs headless Neovim with `args`, in a home of its own, until it quits; returns what the Lua script recorded. */
async function nvim(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string; record: unknown }> {
  const record = join(tempDir(), 'record.json');
  const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', ...args], { cwd, env: { ...env, KUBE_EXPOSE_NVIM_RESULT: record }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  let recorded: unknown = null;
  try {
    recorded = JSON.parse(readFileSync(record, 'utf8'));
  } catch {
    // No record: the assertions below report Neovim's exit status and stderr.
  }
  return { status, stderr, record: recorded };
}

describe('Neovim with the documented configuration (npm run test:nvim)', { skip: missing }, () => {
  let installed: Installed;
  let home: string;
  let root: string;
  let played: Played;
  let status: number | null;
  let stderr: string;

  before(async () => {
    installed = packAndInstall();
    home = tempDir();
    root = copyToTemp(EXAMPLE);
    // The README's block, run as written in a home of its own, with the package installed globally.
    const env: NodeJS.ProcessEnv = { ...installed.env, HOME: home, npm_config_prefix: installed.prefix };
    for (const name of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME', 'VIMINIT', 'MYVIMRC']) delete env[name];
    const installedConfig = await runShell(readmeBlock('### Neovim', 'sh'), root, env);
    assert.equal(installedConfig.status, 0, installedConfig.stderr);
    // Neovim starts as a user's would (no -u): it finds the configuration in ~/.config/nvim/plugin/.
    const ran = await nvim(['-c', `luafile ${join(REPO, 'test/editors/neovim.lua')}`, ROUTES], root, env);
    ({ status, stderr } = ran);
    played = ran.record as Played;
  });

  it('starts kube-expose-language-server --stdio for the YAML buffer, at the repository root', () => {
    assert.ok(played, `Neovim left no record (exit ${status}): ${stderr}`);
    assert.equal(played.error, undefined);
    assert.equal(status, 0, stderr);
    assert.deepEqual(played.steps, ['diagnostics', 'hover', 'definition', 'quick-fix']);
    assert.equal(played.filetype, 'yaml');
    assert.deepEqual(played.client, { name: 'kube-expose', cmd: ['kube-expose-language-server', '--stdio'], root });
  });

  it('shows the seed\'s port-mismatch among the buffer\'s diagnostics', () => {
    const mismatch = played.diagnostics.find((diagnostic) => diagnostic.code === 'port-mismatch');
    assert.ok(mismatch, JSON.stringify(played.diagnostics));
    assert.deepEqual([mismatch.file, mismatch.lnum, mismatch.col, mismatch.severity], [join(root, ROUTES), 14, 10, ERROR]);
    assert.match(mismatch.message, /^Nginx stream stream_vadmin port is 30164, but Service postgresql\/pgadmin nodePort is 30165/);
  });

  it('shows the chain in the hover float', () => {
    assert.match(played.hover ?? '', /Nginx \/v-admin\/ -> stream_vadmin :30164 ⚠ -> HAProxy pgadmin4 :30165 -> Service postgresql\/pgadmin nodePort 30165 -> targetPort 80/);
  });

  it('goes to the definition of {{ app.pgadmin4.port }} in apps.yml', () => {
    assert.deepEqual(played.definition, { file: join(root, 'inventories/protobox/group_vars/all/apps.yml'), line: 4, text: '    port: 30165' });
  });

  it('applies the quick-fix picked in Neovim\'s code-action menu, leaving no error, and writes it', () => {
    assert.deepEqual(played.fix.titles, ['Set port to 30165', 'Replace with {{ app.pgadmin4.port }}']);
    assert.equal(played.fix.chosen, 'Set port to 30165');
    assert.equal(played.fix.line, '    port: 30165');
    assert.deepEqual(played.fix.errors_left.filter((diagnostic) => diagnostic.severity === ERROR), []);
    const original = readFileSync(join(EXAMPLE, ROUTES), 'utf8');
    assert.equal(readFileSync(join(root, ROUTES), 'utf8'), original.replace('port: 30164', 'port: 30165'));
    const check = spawnSync('kube-expose', ['check'], { cwd: root, env: installed.env, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout);
  });

  it('the nvim-lspconfig entry of the README is editors/nvim/lspconfig.lua, and declares the same command', async () => {
    const committed = readFileSync(join(REPO, 'editors/nvim/lspconfig.lua'), 'utf8');
    assert.equal(readmeBlock('### Neovim', 'lua'), committed);
    const env = { ...installed.env, HOME: tempDir(), KUBE_EXPOSE_LSPCONFIG: join(REPO, 'editors/nvim/lspconfig.lua') };
    const ran = await nvim(['-u', 'NONE', '-c', `luafile ${join(REPO, 'test/editors/lspconfig.lua')}`], root, env);
    assert.equal(ran.status, 0, ran.stderr);
    assert.deepEqual(ran.record, {
      error: null,
      cmd: ['kube-expose-language-server', '--stdio'],
      filetypes: ['yaml'],
      root_markers: ['.kube-expose.json', '.git', 'inventories'],
      setup: { name: 'kube_expose', options: [] },
    });
    assert.match(withoutComments(readFileSync(join(REPO, 'editors/nvim/kube-expose.lua'), 'utf8'), '--'), /local cmd = \{ 'kube-expose-language-server', '--stdio' \}/);
  });
});
