import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { copyToTemp, EXAMPLE, FIXTURES, REPO, tempDir } from '../helpers/paths';
import { runCli, snapshot } from '../helpers/run';

const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';

describe('kube-expose check', () => {
  it('reports the seed example\'s one mismatch as a tsc-style line and exits 1', () => {
    const result = runCli(['check', 'examples/protobox'], REPO);
    assert.equal(result.status, 1);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1, result.stdout);
    assert.match(lines[0] ?? '', new RegExp(`^examples/protobox/${ROUTES}:15:11 - error port-mismatch: Nginx stream stream_vadmin port is 30164, but .*30165 \\(examples/protobox/k8s/postgresql/pgadmin-service\\.yml:12\\)`));
    assert.equal(result.stderr, '1 error, 0 warnings in 5 files checked (1 environment, 1 chain; root: examples/protobox).\n');
  });

  it('prints the documented JSON report, paths relative to the current folder', () => {
    const result = runCli(['check', '--format', 'json', EXAMPLE], REPO);
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(report), ['version', 'root', 'files', 'environments', 'diagnostics']);
    assert.equal(report['version'], 1);
    assert.equal(report['root'], EXAMPLE);
    assert.equal(report['files'], 5);
    const diagnostics = report['diagnostics'] as Record<string, unknown>[];
    assert.equal(diagnostics.length, 1);
    const [only] = diagnostics;
    assert.deepEqual(Object.keys(only ?? {}), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    assert.deepEqual({ ...only, message: undefined }, { file: `examples/protobox/${ROUTES}`, line: 15, column: 11, endLine: 15, endColumn: 16, severity: 'error', code: 'port-mismatch', message: undefined });
  });

  it('prints no problem, only the summary of what it checked, and exits 0 on a clean repository', () => {
    const root = copyToTemp(EXAMPLE);
    const routes = join(root, ROUTES);
    writeFileSync(routes, readFileSync(routes, 'utf8').replace('port: 30164', 'port: 30165'));
    const result = runCli(['check'], root);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, '0 errors, 0 warnings in 5 files checked (1 environment, 1 chain; root: .).\n');
    assert.equal(result.status, 0);
  });

  it('never calls a check of nothing a success', () => {
    const empty = tempDir();
    writeFileSync(join(empty, 'notes.yml'), 'hello: world\n');
    const nothing = runCli(['check'], empty);
    assert.equal(nothing.status, 2);
    assert.match(nothing.stderr, /nothing to check in \.: no Ansible inventory .* and no Kubernetes Service/);
    const servicesOnly = copyToTemp(join(EXAMPLE, 'k8s'));
    const result = runCli(['check'], servicesOnly);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /no Ansible inventory found, so no chain could be checked/);
    assert.match(result.stderr, /0 environments, 0 chains/);
  });

  it('lists the environments with their inventory sources in the JSON report', () => {
    const report = JSON.parse(runCli(['check', '--format', 'json'], EXAMPLE).stdout) as { environments: unknown };
    assert.deepEqual(report.environments, [{ name: 'protobox', folder: 'inventories/protobox', inventories: ['inventories/protobox/hosts.yml'] }]);
  });

  it('keeps warnings from failing the build', () => {
    const root = copyToTemp(join(FIXTURES, 'bad-missing-link'));
    const result = runCli(['check', '--format', 'json'], root);
    const report = JSON.parse(result.stdout) as { diagnostics: { severity: string }[] };
    assert.ok(report.diagnostics.length > 0);
    assert.ok(report.diagnostics.every((diagnostic) => diagnostic.severity === 'warning'));
    assert.equal(result.status, 0);
  });

  it('filters by environment with --env, and refuses an unknown one', () => {
    assert.equal(runCli(['check', '--env', 'protobox', 'examples/protobox'], REPO).status, 1);
    const unknown = runCli(['check', '--env', 'nowhere', 'examples/protobox'], REPO);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no environment "nowhere" \(found: protobox\)/);
  });

  it('exits 2 on bad usage or an unreadable path', () => {
    for (const args of [['check', '--format', 'xml'], ['check', '--bogus'], ['lint'], ['check', 'does/not/exist']]) {
      const result = runCli(args, REPO);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /kube-expose: /);
      assert.equal(result.stdout, '');
    }
  });

  it('applies .kube-expose.json settings such as severities', () => {
    const root = copyToTemp(EXAMPLE);
    writeFileSync(join(root, '.kube-expose.json'), JSON.stringify({ severity: { 'port-mismatch': 'warning' } }));
    const result = runCli(['check'], root);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /warning port-mismatch/);
  });

  it('stops with exit 2, saying why, when .kube-expose.json is not valid JSON or not a file', () => {
    for (const [make, why] of [
      [(path: string) => writeFileSync(path, '{ "severity": '), /\.kube-expose\.json is not valid JSON/],
      [(path: string) => mkdirSync(path), /\.kube-expose\.json cannot be read \(EISDIR/],
    ] as const) {
      const root = copyToTemp(EXAMPLE);
      make(join(root, '.kube-expose.json'));
      const result = runCli(['check'], root);
      assert.equal(result.status, 2, 'CI must not check with settings other than the team\'s');
      assert.match(result.stderr, why);
      assert.equal(result.stdout, '');
    }
  });

  it('writes nothing to the checked files', () => {
    const root = copyToTemp(EXAMPLE);
    const before = snapshot(root);
    runCli(['check', '--format', 'json'], root);
    runCli(['check'], root);
    assert.deepEqual(snapshot(root), before);
  });
});
