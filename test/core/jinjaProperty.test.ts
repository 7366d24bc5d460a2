import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderValue } from '../../server/src/core/rules/templateValue';
import { ansibleMissing, renderWithAnsible } from '../helpers/ansible';
import { memoryWorkspace } from '../helpers/memory';

/** The variables the generated expressions read, as a group_vars file (read by us and by Ansible alike). */
const VARS = `base_port: 30000
quoted_port: "30165"
padded: " 42 "
name_text: Grafana-Main
empty: ""
flag: true
nothing: null
octal: 030170
app:
  pgadmin4:
    port: 30165
  grafana:
    port: "{{ base_port + 300 }}"
`;
const INVENTORY = 'all:\n  children:\n    kube_gateway_pool:\n      hosts:\n        gateway-1:\n';

const variable = fc.constantFrom('base_port', 'quoted_port', 'padded', 'name_text', 'empty', 'flag', 'nothing', 'octal', 'missing', 'app.pgadmin4.port', "app['pgadmin4'].port", 'app.grafana.port', 'app.grafana["port"]', 'app.missing.port');
const literal = fc.oneof(
  fc.integer({ min: -50, max: 40_000 }).map(String),
  fc.constantFrom("'30'", "'ab'", "' x '", "''", "'3' '0'", 'true', 'false', 'none', '1_000'),
);
const filter = fc.constantFrom(
  'int',
  'int(7)',
  'string',
  'default(30100)',
  'd(5, true)',
  'trim',
  'lower',
  'upper',
  "replace('0', '9')",
  "regex_replace('[0-9]', 'x')",
  "regex_replace('^([0-9]+)$', '1\\1')",
  "regex_replace('\\d', '.')",
  "ternary('yes', 'no')",
);
const operator = fc.constantFrom('+', '-', '*', '//', '%', '~', '==', '!=', '<', '>=', 'and', 'or');

const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    variable,
    fc.tuple(tie('expression'), operator, tie('expression')).map(([left, op, right]) => `(${left} ${op} ${right})`),
    fc.tuple(tie('expression'), filter).map(([input, name]) => `(${input} | ${name})`),
    fc.tuple(tie('expression'), tie('expression'), tie('expression')).map(([then, test, otherwise]) => `(${then} if ${test} else ${otherwise})`),
    tie('expression').map((operand) => `(not ${operand})`),
    tie('expression').map((operand) => `(-${operand})`),
  ),
}));
/** Whole values: one expression, or one followed by text (`{{ x }}0`), or two side by side. */
const template = fc.oneof(
  expression.map((expr) => `{{ ${expr} }}`),
  fc.tuple(expression, fc.constantFrom('0', '-a', ' ')).map(([expr, text]) => `{{ ${expr} }}${text}`),
  fc.tuple(expression, expression).map(([a, b]) => `{{ ${a} }}{{ ${b} }}`),
);

describe('Jinja evaluator against Ansible on generated expressions', () => {
  it('gives Ansible\'s text for every generated expression it claims to read', async (t) => {
    const missing = ansibleMissing();
    if (missing) return t.skip(missing);
    const templates = [...new Set(fc.sample(template, { numRuns: 150, seed: 19 }))];
    const workspace = memoryWorkspace({ 'inventories/prop/hosts.yml': INVENTORY, 'inventories/prop/group_vars/all/vars.yml': VARS });
    const file = [...workspace.allFiles()].find((model) => model.kind === 'vars');
    const view = workspace.environment('inventories/prop');
    assert.ok(file && view);
    const ours = templates.map((text) => renderValue(view.scope, text, file, { start: 0, end: 0 }, file, []));
    const work = mkdtempSync(join(tmpdir(), 'kube-expose-prop-'));
    try {
      mkdirSync(join(work, 'group_vars', 'all'), { recursive: true });
      writeFileSync(join(work, 'hosts.yml'), INVENTORY);
      writeFileSync(join(work, 'group_vars', 'all', 'vars.yml'), VARS);
      const rendered = await renderWithAnsible(join(work, 'hosts.yml'), templates.map((text) => ({ host: 'gateway-1', template: text })));
      const disagreements: string[] = [];
      let claimed = 0;
      templates.forEach((text, index) => {
        const value = ours[index]?.value;
        if (value === undefined) return;
        claimed++;
        const ansible = rendered[index];
        const same = ansible !== undefined && (typeof value === 'number' ? /^\s*[-+]?\d+\s*$/.test(ansible) && Number(ansible) === value : ansible === value);
        if (!same) disagreements.push(`${text}: ours ${JSON.stringify(value)}, Ansible ${ansible === undefined ? 'fails' : JSON.stringify(ansible)}`);
      });
      assert.deepEqual(disagreements, []);
      assert.ok(claimed >= templates.length / 4, `only ${claimed} of ${templates.length} generated templates read`);
      t.diagnostic(`${claimed} of ${templates.length} generated templates read, all as Ansible renders them`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
