import assert from 'node:assert/strict';
import { fork, spawn, spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, SocketMessageReader, SocketMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { diagnosticsSession } from '../helpers/lspSession';
import { packAndInstall, type Installed } from '../helpers/npmPackage';
import { EXAMPLE, REPO, copyToTemp } from '../helpers/paths';

const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';

function seesSeedMismatch(root: string) {
  return (published: Map<string, PublishDiagnosticsParams['diagnostics']>): boolean =>
    (published.get(join(root, ROUTES)) ?? []).some((diagnostic) => diagnostic.code === 'port-mismatch');
}

describe('the npm package (npm run package:npm)', () => {
  let installed: Installed;
  before(() => {
    installed = packAndInstall();
  });

  it('is kube-expose-<version>.tgz holding the bundles, schemas, editor configurations and its own README, no sources', () => {
    assert.ok(installed.tarball.endsWith(`/kube-expose-${version}.tgz`), installed.tarball);
    const listed = spawnSync('tar', ['-tzf', installed.tarball], { encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    const files = listed.stdout.trim().split('\n').map((name) => name.replace(/^package\//, '')).sort();
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin/kube-expose-language-server.cjs',
      'dist/cli.js',
      'dist/kube-expose.schema.json',
      'dist/modelWorker.js',
      'dist/server.js',
      'editors/emacs/kube-expose.el',
      'editors/helix/languages.toml',
      'editors/nvim/kube-expose.lua',
      'editors/nvim/lspconfig.lua',
      'package.json',
      'schemas/kubernetes/service-v1.json',
      'schemas/proxy.schema.json',
      'schemas/routes.schema.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(installed.prefix, 'lib/node_modules/kube-expose/package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.name, 'kube-expose');
    assert.equal(manifest.version, version);
    assert.deepEqual(manifest.engines, { node: '>=20' });
    assert.deepEqual(manifest.bin, { 'kube-expose': 'dist/cli.js', 'kube-expose-language-server': 'bin/kube-expose-language-server.cjs' });
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'scripts', 'private']) assert.equal(manifest[field], undefined, field);
    const readme = readFileSync(join(installed.prefix, 'lib/node_modules/kube-expose/README.md'), 'utf8');
    assert.match(readme, /^# kube-expose\n/);
    assert.match(readme, /kube-expose-language-server --stdio/);
  });

  it('installs kube-expose on the PATH: it checks the example and reports the seed mismatch', () => {
    const root = copyToTemp(EXAMPLE);
    const result = spawnSync('kube-expose', ['check'], { cwd: root, env: installed.env, encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^inventories\/protobox\/webservers_pool\/routes\.yml:15:11 - error port-mismatch: /m);
    assert.equal(realpathSync(join(installed.bin, 'kube-expose')), join(realpathSync(installed.prefix), 'lib/node_modules/kube-expose/dist/cli.js'));
  });

  it('installs kube-expose-language-server: over stdio it publishes the seed mismatch', async () => {
    const root = copyToTemp(EXAMPLE);
    const child = spawn('kube-expose-language-server', ['--stdio'], { env: installed.env, stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    try {
      const published = await diagnosticsSession(connection, root, seesSeedMismatch(root));
      assert.ok(seesSeedMismatch(root)(published), `diagnostics: ${JSON.stringify([...published])}`);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('serves over node IPC (--node-ipc) as well', async () => {
    const root = copyToTemp(EXAMPLE);
    const child = fork(join(installed.bin, 'kube-expose-language-server'), ['--node-ipc'], { env: installed.env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    try {
      assert.ok(seesSeedMismatch(root)(await diagnosticsSession(connection, root, seesSeedMismatch(root))));
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('serves over a socket the editor listens on (--socket=PORT) as well', async () => {
    const root = copyToTemp(EXAMPLE);
    const server = createServer();
    const connected = new Promise<Socket>((resolve) => server.once('connection', resolve));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const child = spawn('kube-expose-language-server', [`--socket=${port}`], { env: installed.env, stdio: 'ignore' });
    const socket = await connected;
    const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    try {
      assert.ok(seesSeedMismatch(root)(await diagnosticsSession(connection, root, seesSeedMismatch(root))));
    } finally {
      connection.dispose();
      child.kill();
      socket.destroy();
      server.close();
    }
  });

  it('says how to start the server when no transport is given, instead of a stack trace', () => {
    const result = spawnSync('kube-expose-language-server', [], { env: installed.env, encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^kube-expose-language-server: no transport given\nusage: kube-expose-language-server --stdio \| --node-ipc \| --socket=PORT \| --pipe=NAME\n/);
    assert.equal(spawnSync('kube-expose-language-server', ['--version'], { env: installed.env, encoding: 'utf8' }).stdout, `${version}\n`);
  });
});
