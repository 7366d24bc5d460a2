import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { copyToTemp, EXAMPLE, REPO, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run';

const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
const SERVICE = 'k8s/postgresql/pgadmin-service.yml';
const MISMATCH = /^examples\/protobox\/inventories\/protobox\/webservers_pool\/routes\.yml:15:11 - error port-mismatch: .* \(examples\/protobox\/k8s\/postgresql\/pgadmin-service\.yml:12\)/;

describe('kube-expose check: which repository a path is checked in', () => {
  it('checks the inventories folder, or an environment, within the repository that holds them', () => {
    for (const path of ['examples/protobox/inventories', 'examples/protobox/inventories/protobox']) {
      const result = runCli(['check', path], REPO);
      assert.equal(result.status, 1, path);
      assert.match(result.stdout, MISMATCH, path);
      assert.equal(result.stderr, '1 error, 0 warnings in 4 files checked (1 environment, 1 chain; root: examples/protobox).\n', path);
    }
  });

  it('finds the repository from inside an environment folder, as a bare check there', () => {
    const result = runCli(['check'], join(EXAMPLE, 'inventories', 'protobox'));
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^webservers_pool\/routes\.yml:15:11 - error port-mismatch: .* \(\.\.\/\.\.\/k8s\/postgresql\/pgadmin-service\.yml:12\)/);
    assert.match(result.stderr, /; root: \.\.\/\.\.\)\.\n$/);
  });

  it('prints only the problems of a file given alone, checked against its chain in its repository', () => {
    const clean = runCli(['check', `examples/protobox/${SERVICE}`], REPO);
    assert.equal(clean.status, 0, clean.stdout);
    assert.equal(clean.stdout, '');
    assert.equal(clean.stderr, '0 errors, 0 warnings in 1 file checked (0 environments, 0 chains; root: examples/protobox).\n');
    const routes = runCli(['check', `examples/protobox/${ROUTES}`], REPO);
    assert.equal(routes.status, 1);
    assert.match(routes.stdout, MISMATCH);
  });

  it('takes the folder with ansible.cfg as the root, and -- before a path', () => {
    const root = tempDir();
    const repository = join(root, 'ansible');
    mkdirSync(repository);
    writeFileSync(join(repository, 'ansible.cfg'), '[defaults]\ninventory = inventories/protobox/hosts\n');
    const copy = copyToTemp(EXAMPLE);
    for (const part of ['inventories', 'k8s']) cpSync(join(copy, part), join(repository, part), { recursive: true });
    const result = runCli(['check', '--', 'ansible/k8s'], root);
    assert.equal(result.status, 0);
    assert.equal(result.stderr, '0 errors, 0 warnings in 1 file checked (0 environments, 0 chains; root: ansible).\n');
  });

  it('says which files it does not check, and what the project itself holds apart from its test fixtures', () => {
    const readme = runCli(['check', 'README.md'], REPO);
    assert.match(readme.stderr, /README\.md is not a file of the chain/);
    const project = runCli(['check'], REPO);
    assert.equal(project.status, 1);
    assert.equal(project.stdout.trimEnd().split('\n').length, 1, project.stdout);
    assert.match(project.stdout, MISMATCH);
    assert.match(project.stderr, /^1 error, 0 warnings in \d+ files checked \(1 environment, 1 chain; root: \.\)\.\n$/);
  });
});

describe('kube-expose check: options', () => {
  it('takes --format in any case and --name=value, and says a missing value is missing', () => {
    const upper = runCli(['check', '--format', 'JSON', 'examples/protobox'], REPO);
    assert.equal(upper.status, 1);
    assert.equal((JSON.parse(upper.stdout) as { version: number }).version, 1);
    assert.equal(runCli(['check', '--format=Sarif', 'examples/protobox'], REPO).status, 1);
    for (const args of [['check', '--format'], ['check', '--format', '--env', 'x'], ['check', '--env']]) {
      const result = runCli(args, REPO);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /^kube-expose: --(format|env) is missing its value\n/, args.join(' '));
    }
  });
});
