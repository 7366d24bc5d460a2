import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { LocalRegistry } from '../helpers/localRegistry';
import { pack } from '../helpers/npmPackage';
import { EXAMPLE, REPO, copyToTemp, tempDir } from '../helpers/paths';
import { readmeBlock } from '../helpers/readmeBlocks';
import { runShell } from '../helpers/shell';

const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
const MISMATCH = /^inventories\/protobox\/webservers_pool\/routes\.yml:15:11 - error port-mismatch: /m;

/** A user's machine: npm's global prefix and cache in fresh folders, the registry given (or none reachable). */
function userEnv(registry = 'http://127.0.0.1:9/'): { env: NodeJS.ProcessEnv; prefix: string } {
  const prefix = tempDir();
  // A user's shell has none of the npm_* variables `npm test` passes down (npm_config_yes among them).
  const shell = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  const env: NodeJS.ProcessEnv = {
    ...shell,
    PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`,
    HOME: tempDir(),
    npm_config_prefix: prefix,
    npm_config_cache: tempDir(),
    npm_config_registry: registry,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  return { env, prefix };
}

describe('the README\'s ways to run Kube Expose, run as written', () => {
  let registry: LocalRegistry;
  let tarball: string;
  before(async () => {
    tarball = pack();
    registry = await LocalRegistry.serve(tarball, JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string });
  });
  after(() => registry.close());

  it('"The npm package": npm run package:npm writes the tarball, which installs both commands', async () => {
    // The production build rewrites dist/: build in a copy, so the other test files keep the bundles they run.
    const copy = tempDir();
    cpSync(REPO, copy, { recursive: true, filter: (source) => !/\/(node_modules|\.git|out|dist|bench\/repos|test\/e2e\/artifacts)$/.test(source) && !/\.(vsix|tgz)$/.test(source) });
    symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
    const { env, prefix } = userEnv();
    const ran = await runShell(readmeBlock('### The npm package', 'sh'), copy, env, 240_000);
    assert.equal(ran.status, 0, ran.stdout + ran.stderr);
    assert.ok(existsSync(join(copy, `kube-expose-${version}.tgz`)));
    for (const command of ['kube-expose', 'kube-expose-language-server']) assert.ok(existsSync(join(prefix, 'bin', command)), command);
    const check = await runShell('kube-expose check', copyToTemp(EXAMPLE), env);
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, MISMATCH);
  });

  it('"Command line, with npx or a global install": each line checks the repository', async () => {
    const block = readmeBlock('### Command line, with npx or a global install', 'sh');
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    assert.equal(lines.length, 2);
    const { env } = userEnv(registry.url);
    for (const line of lines) {
      const ran = await runShell(line, copyToTemp(EXAMPLE), env);
      assert.equal(ran.status, 1, `${line}: ${ran.stdout}${ran.stderr}`);
      assert.match(ran.stdout, MISMATCH, line);
    }
  });

  it('"Command line": npx on the tarball, before the package is on a registry', async () => {
    const command = /`(npx --yes \.\/kube-expose-[^`]+\.tgz check)`/.exec(readFileSync(join(REPO, 'README.md'), 'utf8'))?.[1];
    assert.ok(command, 'the README names npx on the tarball');
    const root = copyToTemp(EXAMPLE);
    copyFileSync(tarball, join(root, basename(tarball)));
    const ran = await runShell(command, root, userEnv().env);
    assert.equal(ran.status, 1, ran.stdout + ran.stderr);
    assert.match(ran.stdout, MISMATCH, ran.stderr);
  });

  it('"In a CI pipeline": the workflow\'s run steps annotate the mismatch and write a SARIF log', async () => {
    const workflow = parse(readmeBlock('### In a CI pipeline', 'yaml')) as { jobs: Record<string, { steps: { name?: string; run?: string }[] }> };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps).filter((step) => step.run !== undefined);
    assert.equal(steps.length, 2);
    const root = copyToTemp(EXAMPLE);
    mkdirSync(join(root, '.github'));
    const { env } = userEnv(registry.url);
    const annotate = await runShell(steps[0]?.run ?? '', root, env);
    assert.equal(annotate.status, 1, 'the job fails on the mismatch');
    assert.match(annotate.stdout, /^::error file=inventories\/protobox\/webservers_pool\/routes\.yml,line=15,/m);
    const sarif = await runShell(steps[1]?.run ?? '', root, env);
    assert.equal(sarif.status, 0, sarif.stderr);
    const log = JSON.parse(readFileSync(join(root, 'kube-expose.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(log.runs[0]?.results.map((result) => result.ruleId), ['port-mismatch']);
  });
});
