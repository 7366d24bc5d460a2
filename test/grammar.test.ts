import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO, tempDir } from './helpers/paths';

interface Manifest {
  contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] };
}

describe('the Jinja and Nginx injection grammar', () => {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;
  const [grammar] = manifest.contributes.grammars;

  it('is contributed as an injection into YAML', () => {
    assert.deepEqual(grammar?.injectTo, ['source.yaml']);
    const json = JSON.parse(readFileSync(join(REPO, grammar?.path ?? ''), 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(json.scopeName, grammar?.scopeName);
    assert.match(json.injectionSelector, /^L:source\.yaml -comment/);
  });

  const cli = join(REPO, 'node_modules/vscode-tmgrammar-test/dist/unit.js');
  const yaml = join(REPO, 'node_modules/tm-grammars/grammars/yaml.json');
  const run = (config: string) => spawnSync(process.execPath, [cli, '--config', config, '-g', yaml, 'test/grammar/*.test.yml'], { cwd: REPO, encoding: 'utf8' });

  it('passes its grammar tests, injected into a YAML grammar as package.json contributes it', () => {
    const result = run(join(REPO, 'package.json'));
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /proxy\.test\.yml run successfuly/);
    assert.match(result.stdout, /routes\.test\.yml run successfuly/);
  });

  it('has tests that fail without the injection', () => {
    const config = join(tempDir(), 'package.json');
    writeFileSync(config, JSON.stringify({ contributes: {} }));
    const result = run(config);
    assert.notEqual(result.status, 0);
    assert.match(result.stdout, /missing required scopes: .*jinja/);
  });
});
