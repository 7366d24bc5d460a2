import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO, tempDir } from './helpers/paths';

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes: { grammars: GrammarContribution[] } };
const cases = readdirSync(join(REPO, 'test', 'grammar')).filter((name) => name.endsWith('.test.yml'));

const tmGrammars = join(REPO, 'node_modules', 'tm-grammars', 'grammars', 'yaml.json');

/**
 * Our grammar comes in through `--config`, not `-g`: only the package.json entry carries `injectTo`,
 * without which the tool registers the grammar but never injects it.
 */
function run(config: string, baseGrammars: string[]): { status: number | null; output: string } {
  const cli = join(REPO, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
  const args = [cli, '--config', config, ...baseGrammars.flatMap((path) => ['-g', path]), 'test/grammar/*.test.yml'];
  // The tool loops forever on some malformed assertions: a hang must fail here, not stall CI.
  const result = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}` };
}

function assertPasses(baseGrammars: string[]): void {
  const { status, output } = run(join(REPO, 'package.json'), baseGrammars);
  assert.equal(status, 0, output);
  for (const name of cases) assert.ok(output.includes(`${name} run successfuly`), `${name} did not run:\n${output}`);
}

describe('the Jinja and Nginx injection grammar', () => {
  const entry = manifest.contributes.grammars.find((grammar) => grammar.path.endsWith('jinja-yaml.injection.tmLanguage.json'));

  it('is contributed as an injection into YAML', () => {
    assert.ok(entry, 'no contributes.grammars entry for the injection grammar');
    assert.deepEqual(entry.injectTo, ['source.yaml']);
    const grammar = JSON.parse(readFileSync(join(REPO, entry.path), 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(grammar.scopeName, entry.scopeName);
    assert.match(grammar.injectionSelector, /^L:source\.yaml -comment\b/);
    assert.ok(cases.length >= 3, `grammar cases: ${cases.join(', ')}`);
  });

  it('passes its grammar tests over the TextMate YAML grammar (tm-grammars)', () => {
    assertPasses([tmGrammars]);
  });


  it('has tests that fail without the injection', () => {
    const config = join(tempDir(), 'package.json');
    writeFileSync(config, JSON.stringify({ contributes: {} }));
    const { status, output } = run(config, [tmGrammars]);
    assert.notEqual(status, 0, output);
    assert.match(output, /missing required scopes: .*jinja/);
    assert.match(output, /missing required scopes: .*nginx/);
  });
});
