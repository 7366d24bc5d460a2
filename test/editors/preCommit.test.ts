import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { packAndInstall, type Installed } from '../helpers/npmPackage';
import { EXAMPLE, REPO, copyToTemp, tempDir } from '../helpers/paths';
import { readmeBlock } from '../helpers/readmeBlocks';
import { missingTool } from '../helpers/tools';

const missing = missingTool('pre-commit', 'apt-get install pre-commit') ?? missingTool('git', 'apt-get install git');
const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';

interface Hook {
  id: string;
  entry: string;
  language: string;
  pass_filenames: boolean;
  files: string;
}

describe('the pre-commit hook kube-expose (.pre-commit-hooks.yaml)', { skip: missing }, () => {
  let installed: Installed;
  let env: NodeJS.ProcessEnv;
  let hookRepo: string;

  function run(command: string, args: string[], cwd: string): { status: number | null; output: string } {
    const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  function git(cwd: string, ...args: string[]): void {
    const result = run('git', args, cwd);
    assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.output}`);
  }

  /** A copy of the example as an Ansible repository under git, everything committed. */
  function ansibleRepo(): string {
    const root = copyToTemp(EXAMPLE);
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'seed');
    return root;
  }

  function fixSeed(root: string): void {
    writeFileSync(join(root, ROUTES), readFileSync(join(root, ROUTES), 'utf8').replace('port: 30164', 'port: 30165'));
    git(root, 'add', ROUTES);
  }

  before(() => {
    installed = packAndInstall();
    // No user configuration of git or pre-commit, and nothing from the network.
    env = {
      ...installed.env,
      HOME: tempDir(),
      PRE_COMMIT_HOME: tempDir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
    };
    // pre-commit clones a hook repository with git: a temporary one holding this repository's hook file, tagged as
    // a release would be.
    hookRepo = tempDir();
    copyFileSync(join(REPO, '.pre-commit-hooks.yaml'), join(hookRepo, '.pre-commit-hooks.yaml'));
    git(hookRepo, 'init', '-q', '-b', 'main');
    git(hookRepo, 'add', '-A');
    git(hookRepo, 'commit', '-q', '-m', 'hooks');
    git(hookRepo, 'tag', `v${version}`);
  });

  it('declares one system hook that checks the whole repository when a YAML file, an inventory or the settings change', () => {
    const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    assert.deepEqual(hooks.map((hook) => [hook.id, hook.entry, hook.language, hook.pass_filenames]), [['kube-expose', 'kube-expose check', 'system', false]]);
    const files = new RegExp(hooks[0]?.files ?? '');
    for (const path of ['routes.yml', 'k8s/a/svc.yaml', 'inventories/prod/hosts', 'inventories/prod/hosts.ini', '.kube-expose.json']) assert.match(path, files);
    for (const path of ['README.md', 'ghosts', 'yml/notes.txt']) assert.doesNotMatch(path, files);
  });

  it('try-repo fails on the seed mismatch and prints it', () => {
    const root = ansibleRepo();
    const result = run('pre-commit', ['try-repo', hookRepo, 'kube-expose', '--all-files'], root);
    assert.equal(result.status, 1, result.output);
    assert.match(result.output, /kube-expose check \(Nginx -> HAProxy -> NodePort ports\)\.+Failed/);
    assert.match(result.output, /inventories\/protobox\/webservers_pool\/routes\.yml:15:11 - error port-mismatch: /);
  });

  it('try-repo passes once the port is fixed, and skips a commit that changes no YAML file', () => {
    const root = ansibleRepo();
    writeFileSync(join(root, 'NOTES.md'), 'notes\n');
    git(root, 'add', 'NOTES.md');
    const skipped = run('pre-commit', ['try-repo', hookRepo, 'kube-expose'], root);
    assert.equal(skipped.status, 0, skipped.output);
    assert.match(skipped.output, /\(no files to check\)Skipped/);
    fixSeed(root);
    const fixed = run('pre-commit', ['try-repo', hookRepo, 'kube-expose'], root);
    assert.equal(fixed.status, 0, fixed.output);
    assert.match(fixed.output, /kube-expose check \(Nginx -> HAProxy -> NodePort ports\)\.+Passed/);
  });

  it('the README\'s .pre-commit-config.yaml, pointed at the hook repository, blocks the commit until fixed', () => {
    const root = ansibleRepo();
    const config = readmeBlock('### pre-commit', 'yaml');
    assert.match(config, /^ {4}rev: v\d/m);
    writeFileSync(join(root, '.pre-commit-config.yaml'), config.replace(/repo: \S+/, `repo: ${hookRepo}`));
    git(root, 'add', '.pre-commit-config.yaml');
    const hooks = run('pre-commit', ['install'], root);
    assert.equal(hooks.status, 0, hooks.output);
    const blocked = run('git', ['commit', '-q', '-m', 'config'], root);
    assert.equal(blocked.status, 1, blocked.output);
    assert.match(blocked.output, /error port-mismatch/);
    fixSeed(root);
    const committed = run('git', ['commit', '-q', '-m', 'config and fix'], root);
    assert.equal(committed.status, 0, committed.output);
  });
});
