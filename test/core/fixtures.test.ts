import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DIAGNOSTIC_CODES } from '../../server/src/core/types';
import { FIXTURES } from '../helpers/paths';
import { runCli } from '../helpers/run';

interface Expected {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const expectedOf = (name: string): Expected[] => JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected[];

describe('fixture repositories', () => {
  for (const name of fixtures) {
    it(`${name}: reports exactly what expected.json lists`, () => {
      const result = runCli(['check', '--format', 'json'], join(FIXTURES, name));
      const report = JSON.parse(result.stdout) as { diagnostics: (Expected & { severity: string })[] };
      const actual = report.diagnostics.map(({ file, line, code }) => ({ file, line, code }));
      assert.deepEqual(actual, expectedOf(name));
      assert.equal(result.status, report.diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? 1 : 0);
    });
  }

  it('every diagnostic code has a fixture that triggers it, and clean fixtures cover every rule', () => {
    for (const code of DIAGNOSTIC_CODES) {
      const triggering = fixtures.filter((name) => expectedOf(name).some((expected) => expected.code === code));
      assert.ok(triggering.includes(`bad-${code}`), `no bad-${code} fixture triggers ${code}`);
    }
    const clean = fixtures.filter((name) => name.startsWith('clean-'));
    assert.ok(clean.length >= 5);
    for (const name of clean) assert.deepEqual(expectedOf(name), [], `${name} must stay clean`);
  });
});
