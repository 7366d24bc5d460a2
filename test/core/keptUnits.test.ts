import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CheckResults, InputsDigest } from '../../server/src/core/workspace/checkResults';
import type { Workspace } from '../../server/src/core/workspace/workspace';
import type { FileModel } from '../../server/src/core/model/files';
import { readSettings } from '../../server/src/core/settings';
import { prepareModel } from '../../server/src/core/workspace/prepare';
import { entryMarks, modelFromKeptEntries } from '../../server/src/core/workspace/keptEntries';
import { MEMORY_ROOT, workspaceOf } from '../helpers/workspaceFiles';
import { assertAsCold, shown } from '../helpers/asCold';

const digest: InputsDigest = (files, extra) => createHash('sha1').update([extra, ...files.map((file) => `${file.path}\0${file.kind}\0${file.env ?? ''}\0${file.text}`)].join('\n')).digest('hex');

const APPS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];

/**
 * Two environments of six apps: beta's stream port and gamma's Service disagree with the rest of their chain,
 * zeta has no HAProxy entry nor Service, epsilon's Service is found by its name (its node port is another app's).
 */
function repository(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [offset, env] of [[0, 'prod'], [50, 'staging']] as const) {
    const port = (index: number): number => 30100 + offset + index;
    files.set(`inventories/${env}/hosts.yml`, 'all:\n  children:\n    kube_gateway_pool:\n      hosts:\n        gateway-1:\n    webservers_pool:\n      hosts:\n        webserver-1:\n');
    files.set(`inventories/${env}/group_vars/all/apps.yml`, `app:\n${APPS.map((app, index) => `  ${app}:\n    port: ${port(index)}\n`).join('')}`);
    const proxy = APPS.slice(0, 5).map((app) => `${app}:\n  mode: http\n  address: "*"\n  port: "{{ app.${app}.port }}"\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: "{{ app.${app}.port }}"\n    balance: roundrobin\n`);
    files.set(`inventories/${env}/kube_gateway_pool/proxy.yml`, proxy.join(''));
    const routes = APPS.map((app, index) => {
      const streamPort = app === 'beta' ? String(port(index) + 7) : `"{{ app.${app}.port }}"`;
      return `${app}:\n  webserver:\n    - location: /${app}/\n      params:\n        proxy_pass:\n          values: http://stream_${app}\n  stream:\n    name: stream_${app}\n    port: ${streamPort}\n    group: kube_gateway_pool\n`;
    });
    files.set(`inventories/${env}/webservers_pool/routes.yml`, routes.join(''));
    APPS.slice(0, 5).forEach((app, index) => {
      const nodePort = app === 'gamma' ? port(index) + 9 : app === 'epsilon' ? port(40) : port(index);
      files.set(`k8s/${env}/${app}-service.yml`, `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  type: NodePort\n  selector:\n    app: ${app}\n  ports:\n    - port: 80\n      nodePort: ${nodePort}\n`);
    });
  }
  return files;
}

const MAPPED = readSettings({ serviceEnvironments: { 'k8s/prod/**': 'prod', 'k8s/staging/**': 'staging' } });

function keptBy(workspace: Workspace): CheckResults {
  return JSON.parse(JSON.stringify(workspace.checkResults(digest))) as CheckResults;
}

/** A warm start offered what a run over `before` kept: a file is unchanged when its text is the one that run read. */
function warm(files: ReadonlyMap<string, string>, before: ReadonlyMap<string, string>, kept: CheckResults, settings = readSettings(undefined)): Workspace {
  const workspace = workspaceOf(new Map(), [], settings);
  const unchanged = (file: FileModel): boolean => before.get(file.path.slice(MEMORY_ROOT.length + 1)) === file.text;
  workspace.offerResults(kept, digest, { unchanged, entriesBefore: () => undefined });
  for (const [path, text] of files) workspace.stage(`${MEMORY_ROOT}/${path}`, { text });
  workspace.commit();
  return workspace;
}


/** The results with every kept unit's and rule's message marked, to tell what was kept from what was found again. */
function marked(kept: CheckResults): CheckResults {
  const result: Record<string, unknown> = {};
  for (const [source, check] of Object.entries(kept)) result[source] = check.units === undefined ? check : { ...check, units: check.units.replaceAll('"message":"', '"message":"kept: ') };
  return result as CheckResults;
}

function withService(files: ReadonlyMap<string, string>, path: string, from: string, to: string): Map<string, string> {
  const text = files.get(path) ?? '';
  assert.ok(text.includes(from), `${path} holds ${from}`);
  return new Map(files).set(path, text.replace(from, to));
}

const messages = (workspace: Workspace, under = ''): string[] => [...workspace.allDiagnostics()].filter(([path]) => path.includes(under)).flatMap(([, list]) => list.map((diagnostic) => diagnostic.message));

describe('chains kept between runs when only Services changed', () => {
  for (const [mapping, settings] of [['', readSettings(undefined)], [', Services mapped to environments', MAPPED]] as const) {
    it(`builds again only the chains a changed Service may reach, and shows what a cold run shows${mapping}`, () => {
      const files = repository();
      const cold = workspaceOf(files, undefined, settings);
      const kept = keptBy(cold);
      assert.ok(kept['env:inventories/prod']?.units, 'an environment keeps its units');
      assert.ok(messages(cold).some((message) => message.includes('beta')) && messages(cold).some((message) => message.includes('gamma')));
      // gamma's Service made to agree: its chain is found again, every other one is taken as kept.
      const changed = withService(files, 'k8s/prod/gamma-service.yml', `nodePort: ${30102 + 9}`, 'nodePort: 30102');
      const started = warm(changed, files, marked(kept), settings);
      const fresh = workspaceOf(changed, undefined, settings);
      const prod = messages(started, '/prod/');
      assert.ok(!prod.some((message) => message.includes('gamma')), 'the chain of the changed Service was built again: it agrees now');
      assert.ok(prod.some((message) => message.startsWith('kept: ') && message.includes('beta')), 'the chains it cannot reach were kept');
      const unmarked = warm(changed, files, kept, settings);
      assert.deepEqual(shown(unmarked), shown(fresh));
      assert.equal(unmarked.linkPending(), true, 'the environments were not checked: their chains are linked when asked');
      assertAsCold(unmarked, fresh);
      // Kept again for the run after: it takes them, with the changed chain's new diagnostics.
      assert.deepEqual(shown(warm(changed, changed, keptBy(unmarked), settings)), shown(fresh));
    });

    it(`after any edits of Service files, a warm start shows what a cold run shows${mapping}`, () => {
      const files = repository();
      const kept = keptBy(workspaceOf(files, undefined, settings));
      const services = [...files.keys()].filter((path) => path.startsWith('k8s/')).sort();
      const edit = fc.record({ file: fc.nat(), at: fc.nat(), kind: fc.constantFrom('digit', 'name', 'remove', 'add', 'text'), text: fc.constantFrom('alpha', 'beta-svc', 'zeta', '30101', '30140', '\n', '#', ': ') });
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
          const changed = new Map(files);
          for (const generated of edits) {
            const path = services[generated.file % services.length] ?? '';
            const text = changed.get(path) ?? '';
            if (generated.kind === 'remove') changed.delete(path);
            else if (generated.kind === 'add') changed.set(`k8s/${generated.at % 2 ? 'prod' : 'other'}/added-${generated.at % 3}-service.yml`, (files.get(path) ?? '').replace(/name: \w+/, `name: ${generated.text.replace(/\W/g, '') || 'zeta'}`));
            else if (generated.kind === 'name') changed.set(path, text.replace(/name: [\w-]+/, `name: ${generated.text.replace(/[^\w-]/g, '') || 'zeta'}`));
            else if (generated.kind === 'digit') {
              const digits = [...text.matchAll(/\d/g)];
              const match = digits[generated.at % Math.max(1, digits.length)];
              if (match?.index !== undefined) changed.set(path, `${text.slice(0, match.index)}${(Number(match[0]) + 1) % 10}${text.slice(match.index + 1)}`);
            } else {
              const at = generated.at % (text.length + 1);
              changed.set(path, `${text.slice(0, at)}${generated.text}${text.slice(at)}`);
            }
          }
          assertAsCold(warm(changed, files, kept, settings), workspaceOf(changed, undefined, settings));
        }),
        { numRuns: Number(process.env['INCREMENTAL_RUNS'] ?? 150) },
      );
    });
  }

  it('after a routes entry changed, keeps the chains of the entries that did not, and shows what a cold run shows', () => {
    const files = repository();
    const kept = keptBy(workspaceOf(files));
    const path = 'inventories/prod/webservers_pool/routes.yml';
    const absolute = `${MEMORY_ROOT}/${path}`;
    const before = files.get(path) ?? '';
    const settings = readSettings(undefined);
    const hash = (text: string): string => createHash('sha1').update(text).digest('base64');
    // As a warm start builds a changed large file: from the entries kept of its last version (see keptEntries.ts).
    const warmRebuilt = (after: string, offered: CheckResults): Workspace => {
      const workspace = workspaceOf(new Map(), [], settings);
      const descriptor = workspace.describe(absolute);
      const old = descriptor && prepareModel(descriptor, { text: before }, settings);
      const marks = old && entryMarks(old, hash, 0);
      const rebuilt = descriptor && old && marks && modelFromKeptEntries(descriptor, { text: after }, settings, old, marks, hash);
      assert.ok(old?.routes && rebuilt, 'the file is built from its kept entries');
      const entries = old.routes.entries;
      workspace.offerResults(offered, digest, { unchanged: (file) => files.get(file.path.slice(MEMORY_ROOT.length + 1)) === file.text, entriesBefore: (file) => (file.path === absolute ? entries : undefined) });
      for (const [name, text] of files) if (name !== path) workspace.stage(`${MEMORY_ROOT}/${name}`, { text });
      workspace.stagePrepared(absolute, rebuilt);
      workspace.commit();
      return workspace;
    };
    // alpha's stream now reads gamma's port (the same length: no entry moves).
    const after = before.replace('port: "{{ app.alpha.port }}"', 'port: "{{ app.gamma.port }}"');
    assert.notEqual(after, before);
    const fresh = workspaceOf(new Map(files).set(path, after));
    const prod = messages(warmRebuilt(after, marked(kept)), '/prod/');
    assert.ok(prod.some((message) => !message.startsWith('kept: ') && message.includes('alpha')), 'the changed entry was checked again');
    assert.ok(prod.some((message) => message.startsWith('kept: ') && message.includes('beta')), 'the others were kept');
    const started = warmRebuilt(after, kept);
    assert.deepEqual(shown(started), shown(fresh));
    assert.equal(started.linkPending(), true);
    assertAsCold(started, fresh);
    // An entry added first moves every other one: none is kept, and the result is still a cold run's.
    const moved = `zz_first:\n  stream:\n    name: stream_zz\n    port: 30001\n    group: kube_gateway_pool\n${before}`;
    assert.ok(!messages(warmRebuilt(moved, marked(kept)), '/prod/').some((message) => message.startsWith('kept: ')));
    assertAsCold(warmRebuilt(moved, kept), workspaceOf(new Map(files).set(path, moved)));
  });

  it('checks an environment whole when its own files changed, or its kept units cannot be trusted', () => {
    const files = repository();
    const kept = keptBy(workspaceOf(files));
    const service = withService(files, 'k8s/prod/gamma-service.yml', `nodePort: ${30102 + 9}`, 'nodePort: 30102');
    const both = withService(service, 'inventories/prod/group_vars/all/apps.yml', 'port: 30100', 'port: 30101');
    assert.ok(!messages(warm(both, files, marked(kept)), '/prod/').some((message) => message.startsWith('kept: ')), 'nothing kept of an environment whose files changed');
    assert.deepEqual(shown(warm(both, files, kept)), shown(workspaceOf(both)));
    const prod = kept['env:inventories/prod'];
    assert.ok(prod?.units);
    const units = JSON.parse(prod.units) as { units: unknown[][] };
    const broken = [
      'not json',
      '[]',
      JSON.stringify({ ...units, units: units.units.map((unit) => [unit[0], 999, ...unit.slice(2)]) }),
      JSON.stringify({ ...units, units: units.units.map((unit) => [unit[0], unit[1], unit[2], 7, ...unit.slice(4)]) }),
      JSON.stringify({ ...units, units: units.units.map((unit) => ['another-app', ...unit.slice(1)]) }),
    ];
    for (const text of broken) {
      const offered: CheckResults = { ...kept, 'env:inventories/prod': { ...prod, units: text } };
      assert.deepEqual(shown(warm(service, files, offered)), shown(workspaceOf(service)), text.slice(0, 40));
    }
  });
});
