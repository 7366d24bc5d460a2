import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CheckResults, InputsDigest } from '../../server/src/core/workspace/checkResults';
import type { Workspace } from '../../server/src/core/workspace/workspace';
import { readSettings } from '../../server/src/core/settings';
import { fixtureFiles, MEMORY_ROOT, workspaceOf } from '../helpers/workspaceFiles';
import { assertAsCold, chainsOf, shown } from '../helpers/asCold';

const digest: InputsDigest = (files, extra) => createHash('sha1').update([extra, ...files.map((file) => `${file.path}\0${file.kind}\0${file.env ?? ''}\0${file.text}`)].join('\n')).digest('hex');

/** Two environments, each with a port mismatch of its own. */
function repository(): Map<string, string> {
  const files = fixtureFiles('clean-multi-env');
  const mismatch = (path: string, from: string, to: string): void => {
    const text = files.get(path);
    assert.ok(text?.includes(from), path);
    files.set(path, (text ?? '').replace(from, to));
  };
  mismatch('inventories/prod/group_vars/all/apps.yml', 'port: 30165', 'port: 30166');
  mismatch('inventories/staging/group_vars/all/apps.yml', 'port: 30265', 'port: 30267');
  return files;
}

/** What the last run kept, as it comes back from disk. */
function keptBy(workspace: Workspace): CheckResults {
  return JSON.parse(JSON.stringify(workspace.checkResults(digest))) as CheckResults;
}

/** Each folder of Service manifests mapped to its environment, as the README shows. */
const MAPPED = readSettings({ serviceEnvironments: { 'k8s/prod/**': 'prod', 'k8s/staging/**': 'staging' } });

/**
 * A warm start: the same files staged, offered what the last run kept; told which files are as that run read them
 * when `before` gives its files (see keptUnits.ts).
 */
function warm(files: ReadonlyMap<string, string>, kept: CheckResults, inputs: InputsDigest = digest, settings = readSettings(undefined), before?: ReadonlyMap<string, string>): Workspace {
  const workspace = workspaceOf(new Map(), [], settings);
  workspace.offerResults(kept, inputs, before && { unchanged: (file) => before.get(file.path.slice(MEMORY_ROOT.length + 1)) === file.text, entriesBefore: () => undefined });
  for (const [path, text] of files) workspace.stage(`/ws/${path}`, { text });
  workspace.commit();
  return workspace;
}

/** The results with staging's diagnostics marked, to tell results taken from results found again. */
function markedStaging(kept: CheckResults): CheckResults {
  const staging = kept['env:inventories/staging'];
  assert.ok(staging && staging.diagnostics.length > 0);
  return { ...kept, 'env:inventories/staging': { ...staging, diagnostics: staging.diagnostics.map((diagnostic) => ({ ...diagnostic, message: `kept: ${diagnostic.message}` })) } };
}


describe('check results kept between runs', () => {
  it('a warm start with the same inputs shows the same diagnostics, and links the chains when asked', () => {
    const files = repository();
    const cold = workspaceOf(files);
    const kept = keptBy(cold);
    assert.deepEqual(Object.keys(kept).sort(), ['env:inventories/prod', 'env:inventories/staging', 'services']);
    const started = warm(files, kept);
    assert.deepEqual(shown(started), shown(cold));
    const paths = [...cold.allDiagnostics().keys()];
    for (const env of ['prod', 'staging']) assert.ok(paths.some((path) => path.includes(`/${env}/`)), `the mismatch of ${env} is shown`);
    for (const env of ['inventories/prod', 'inventories/staging']) {
      assert.equal(started.chainCount(env), cold.chains(env).length);
      assert.deepEqual(chainsOf(started, env), chainsOf(cold, env));
    }
    // Kept again as they were: the next start takes them too.
    assert.deepEqual(keptBy(started), kept);
  });

  it('checks again only the environment whose files changed, and shows what a cold run shows', () => {
    const files = repository();
    const kept = keptBy(workspaceOf(files));
    const changed = new Map(files);
    changed.set('inventories/staging/group_vars/all/apps.yml', (files.get('inventories/staging/group_vars/all/apps.yml') ?? '').replace('port: 30267', 'port: 30265'));
    const started = warm(changed, kept);
    const cold = workspaceOf(changed);
    assert.deepEqual(shown(started), shown(cold));
    assert.equal(started.chainCount('inventories/prod'), 1);
    assert.ok(started.linkPending() === false, 'only prod was left to link');
    assert.deepEqual(chainsOf(started, 'inventories/prod'), chainsOf(cold, 'inventories/prod'));
  });

  it('runs every check again when a Service changed, or the inputs cannot be told apart', () => {
    const files = repository();
    const kept = keptBy(workspaceOf(files));
    const changed = new Map(files);
    changed.set('k8s/prod/postgresql/pgadmin-service.yml', (files.get('k8s/prod/postgresql/pgadmin-service.yml') ?? '').replace('nodePort: 30165', 'nodePort: 30166'));
    const started = warm(changed, kept);
    assert.deepEqual(shown(started), shown(workspaceOf(changed)));
    assert.equal(started.linkPending(), false, 'nothing was kept');
    const blind = warm(files, kept, () => undefined);
    assert.deepEqual(shown(blind), shown(workspaceOf(files)));
    assert.equal(blind.linkPending(), false);
  });

  it('with Services mapped to environments, a Service changed in one re-checks that one only', () => {
    const files = repository();
    const kept = keptBy(workspaceOf(files, undefined, MAPPED));
    const changed = new Map(files);
    changed.set('k8s/prod/postgresql/pgadmin-service.yml', (files.get('k8s/prod/postgresql/pgadmin-service.yml') ?? '').replace('nodePort: 30165', 'nodePort: 30166'));
    const cold = workspaceOf(changed, undefined, MAPPED);
    const started = warm(changed, kept, digest, MAPPED);
    assert.deepEqual(shown(started), shown(cold));
    for (const env of ['inventories/prod', 'inventories/staging']) assert.deepEqual(chainsOf(started, env), chainsOf(cold, env));
    // Staging's results were taken, not found again: kept results marked as such show through.
    const marked = markedStaging(kept);
    assert.ok(JSON.stringify(shown(warm(changed, marked, digest, MAPPED))).includes('kept: '), 'staging kept its results');
    // A Service of no environment may be reached from both: both are checked again.
    const unmapped = new Map(files);
    unmapped.set('k8s/extra-service.yml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: pgadmin4\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30999\n');
    assert.deepEqual(shown(warm(unmapped, marked, digest, MAPPED)), shown(workspaceOf(unmapped, undefined, MAPPED)));
    // So may a Service a kustomization composes, whatever folder its files are in.
    const composed = new Map(files);
    composed.set('k8s/prod/kustomization.yaml', 'resources:\n  - postgresql/pgadmin-service.yml\n');
    const keptComposed = keptBy(workspaceOf(composed, undefined, MAPPED));
    const composedChanged = new Map(composed);
    composedChanged.set('k8s/prod/postgresql/pgadmin-service.yml', changed.get('k8s/prod/postgresql/pgadmin-service.yml') ?? '');
    assert.deepEqual(shown(warm(composedChanged, markedStaging(keptComposed), digest, MAPPED)), shown(workspaceOf(composedChanged, undefined, MAPPED)));
  });

  it('does not take results that name a file the workspace does not have', () => {
    const files = repository();
    const kept = keptBy(workspaceOf(files));
    const moved: Record<string, unknown> = {};
    for (const [source, check] of Object.entries(kept)) moved[source] = { ...check, diagnostics: check.diagnostics.map((diagnostic) => ({ ...diagnostic, path: `${diagnostic.path}.gone` })) };
    const started = warm(files, moved as CheckResults);
    assert.deepEqual(shown(started), shown(workspaceOf(files)));
  });

  const PIECES = ['\n', '  ', ':', '- ', '#', '1', '3016', 'port: ', 'nodePort: ', 'pgadmin4', 'stream_vadmin', 'kube_gateway_pool', '{{ app.pgadmin4.port }}', '---\n'];
  const edit = fc.record({
    file: fc.nat(),
    at: fc.nat(),
    length: fc.nat({ max: 12 }),
    text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })),
    digit: fc.boolean(),
  });

  for (const [mapping, settings] of [['', readSettings(undefined)], [', Services mapped to environments', MAPPED]] as const) {
    it(`after any edits of any files, a warm start offered the results of before shows what a cold run shows${mapping}`, () => {
    const files = repository();
    const kept = keptBy(workspaceOf(files, undefined, settings));
    const paths = [...files.keys()].sort();
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const changed = new Map(files);
        for (const generated of edits) {
          const path = paths[generated.file % paths.length] ?? '';
          const text = changed.get(path) ?? '';
          if (generated.digit) {
            const digits = [...text.matchAll(/\d/g)];
            const match = digits[generated.at % Math.max(1, digits.length)];
            if (match?.index !== undefined) changed.set(path, `${text.slice(0, match.index)}${(Number(match[0]) + 1) % 10}${text.slice(match.index + 1)}`);
          } else {
            const at = generated.at % (text.length + 1);
            changed.set(path, `${text.slice(0, at)}${generated.text}${text.slice(at + generated.length)}`);
          }
        }
        assertAsCold(warm(changed, kept, digest, settings, files), workspaceOf(changed, undefined, settings));
      }),
      { numRuns: Number(process.env['INCREMENTAL_RUNS'] ?? 150) },
    );
  });
  }
});
