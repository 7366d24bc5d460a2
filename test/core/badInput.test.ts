import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { CLI, copyToTemp, EXAMPLE, tempDir } from '../helpers/paths';
import { runCli, snapshot } from '../helpers/run';

const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
const PROXY = 'inventories/protobox/kube_gateway_pool/proxy.yml';
const SERVICE = 'k8s/postgresql/pgadmin-service.yml';

interface Reported {
  file: string;
  line: number;
  code: string;
  message: string;
  severity: string;
}

/** The example workspace with one file replaced, checked from the CLI: nothing may be written. */
function checkWith(files: Record<string, string | Buffer>, prepare?: (root: string) => void): { diagnostics: Reported[]; stderr: string; status: number | null } {
  const root = copyToTemp(EXAMPLE);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  prepare?.(root);
  const before = snapshot(root);
  const result = runCli(['check', '--format', 'json'], root);
  assert.deepEqual(snapshot(root), before, 'the check must write nothing');
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  const report = JSON.parse(result.stdout) as { diagnostics: Reported[] };
  return { diagnostics: report.diagnostics, stderr: result.stderr, status: result.status };
}

const codesOf = (diagnostics: Reported[], file: string): string[] => diagnostics.filter((diagnostic) => diagnostic.file === file).map((diagnostic) => diagnostic.code);

describe('bad input never stops the check', () => {
  it('reports invalid YAML at its place and still checks the other files', () => {
    const { diagnostics } = checkWith({ [ROUTES]: 'pgadmin4:\n  webserver: [\n  stream:\n    port: 1\n', 'k8s/other-service.yml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: other\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30165\n' });
    assert.ok(codesOf(diagnostics, ROUTES).includes('yaml-syntax'));
    assert.deepEqual(codesOf(diagnostics, 'k8s/other-service.yml'), ['duplicate-nodeport']);
  });

  it('accepts an empty file', () => {
    const { diagnostics } = checkWith({ [ROUTES]: '' });
    assert.deepEqual(codesOf(diagnostics, ROUTES), []);
    assert.deepEqual(codesOf(diagnostics, PROXY), ['missing-link']);
  });

  it('skips a binary file with a clear message', () => {
    const { diagnostics } = checkWith({ [ROUTES]: Buffer.from([0x70, 0x67, 0x00, 0x01, 0xff, 0x00]) });
    const [skipped] = diagnostics.filter((diagnostic) => diagnostic.file === ROUTES);
    assert.equal(skipped?.code, 'file-skipped');
    assert.match(skipped?.message ?? '', /binary/);
  });

  it('skips a file that is not UTF-8', () => {
    const { diagnostics } = checkWith({ [ROUTES]: Buffer.concat([Buffer.from('pgadmin4:\n  stream:\n    name: caf'), Buffer.from([0xe9, 0x0a])]) });
    assert.match(diagnostics.find((diagnostic) => diagnostic.file === ROUTES)?.message ?? '', /not valid UTF-8/);
  });

  it('reads a file with a byte-order mark and CRLF line endings at the right places', () => {
    const { diagnostics } = checkWith({ [ROUTES]: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(readExample(ROUTES).replace(/\n/g, '\r\n'))]) });
    const mismatch = diagnostics.find((diagnostic) => diagnostic.file === ROUTES);
    assert.equal(mismatch?.code, 'port-mismatch');
    assert.equal(mismatch?.line, 15);
    assert.equal(diagnostics.length, 1);
  });

  it('reports a duplicate key as a syntax error on the second key', () => {
    const { diagnostics } = checkWith({ [PROXY]: readExample(PROXY).replace('  mode: http\n', '  mode: http\n  mode: tcp\n') });
    const duplicate = diagnostics.find((diagnostic) => diagnostic.file === PROXY && diagnostic.code === 'yaml-syntax');
    assert.equal(duplicate?.line, 3);
    assert.match(duplicate?.message ?? '', /unique/i);
  });

  it('skips a 20 MB file quickly instead of parsing it', () => {
    const big = `pgadmin4:\n  stream:\n    name: stream_vadmin\n${'# padding line to make the file large\n'.repeat(550_000)}`;
    const { diagnostics } = checkWith({ [ROUTES]: big });
    assert.match(diagnostics.find((diagnostic) => diagnostic.file === ROUTES)?.message ?? '', /larger than maxFileSize in \.kube-expose\.json/);
  });

  it('survives a billion-laughs alias bomb without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const previous = String.fromCharCode(96 + i);
      const current = String.fromCharCode(97 + i);
      levels.push(`${current}: &${current} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const { diagnostics } = checkWith({ 'inventories/protobox/group_vars/all/bomb.yml': `${levels.join('\n')}\n`, [PROXY]: `${readExample(PROXY)}${levels.join('\n')}\n` });
    assert.ok(codesOf(diagnostics, ROUTES).includes('port-mismatch'), 'the rest is still checked');
  });

  it('skips a file with more aliases than kubeExpose.maxAliasCount', () => {
    const aliases = `base: &base 1\n${Array.from({ length: 20 }, (_, i) => `v${i}: *base`).join('\n')}\n`;
    const { diagnostics } = checkWith({ 'inventories/protobox/group_vars/all/aliases.yml': aliases, '.kube-expose.json': JSON.stringify({ maxAliasCount: 10 }) });
    assert.match(diagnostics.find((diagnostic) => diagnostic.file.endsWith('aliases.yml'))?.message ?? '', /20 YAML aliases, more than maxAliasCount in \.kube-expose\.json \(10\)/);
  });

  it('ends on a symbolic link loop and a link pointing outside the workspace, saying so', () => {
    const { stderr, diagnostics } = checkWith({}, (root) => {
      symlinkSync(root, join(root, 'k8s', 'loop'));
      symlinkSync(tmpdir(), join(root, 'k8s', 'outside'));
    });
    assert.match(stderr, /skipped .*loop: symbolic link loop/);
    assert.match(stderr, /skipped .*outside: symbolic link to outside the workspace/);
    assert.equal(diagnostics.length, 1);
  });

  it('reports an unreadable file as skipped', () => {
    const root = copyToTemp(EXAMPLE);
    chmodSync(join(root, SERVICE), 0o000);
    // Root reads every file: run the check as an unprivileged user, as a CI runner would be.
    const asUser = process.getuid?.() === 0 ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath]] as const : [process.execPath, []] as const;
    chmodSync(root, 0o755);
    for (const directory of ['inventories', 'k8s', 'k8s/postgresql']) chmodSync(join(root, directory), 0o755);
    // The repository itself may sit in a folder only root can enter (a `mktemp -d` clone): the unprivileged user
    // runs a copy of the bundled CLI, which needs nothing beside it.
    const tools = tempDir();
    chmodSync(tools, 0o755);
    const cli = join(tools, 'cli.js');
    copyFileSync(CLI, cli);
    const result = spawnSync(asUser[0], [...asUser[1], cli, 'check', '--format', 'json', root], { cwd: root, encoding: 'utf8' });
    const report = JSON.parse(result.stdout) as { diagnostics: Reported[] };
    assert.match(report.diagnostics.find((diagnostic) => diagnostic.file === SERVICE)?.message ?? '', /cannot be read \(EACCES\)/);
    assert.ok(report.diagnostics.some((diagnostic) => diagnostic.code === 'port-mismatch'), 'the other files are still checked');
  });

  it('tolerates deep nesting', () => {
    const deep = `pgadmin4:\n${Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')}\n`;
    const { diagnostics } = checkWith({ [ROUTES]: deep });
    assert.ok(diagnostics.some((diagnostic) => diagnostic.file === ROUTES));
  });

  it('treats a Jinja template in group vars as no type error', () => {
    const { diagnostics } = checkWith({ [PROXY]: readExample(PROXY).replace('mode: http', 'mode: "{{ proxy_mode | default(\'http\') }}"') });
    assert.deepEqual(codesOf(diagnostics, PROXY), []);
  });
});

function readExample(path: string): string {
  return readFileSync(join(EXAMPLE, path), 'utf8');
}
