import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Chain } from '../../server/src/core/rules/chain';
import type { Workspace } from '../../server/src/core/workspace/workspace';
import { FIXTURES } from '../helpers/paths';
import { MEMORY_ROOT, workspaceOf } from '../helpers/workspaceFiles';

/**
 * Editing a chart's values, a kustomization or a patch re-checks only the environments whose Services the edit
 * changes, and in them only the chains those Services reach; what a user sees is what a fresh check gives.
 */

const ROOT = MEMORY_ROOT;
const PROD = 'inventories/prod';
const STAGING = 'inventories/staging';
const STAGING_PATCH = 'k8s/argocd/overlays/staging/kustomization.yaml';
const PROD_PATCH = 'k8s/pgadmin/overlays/prod/nodeport.yaml';
const VALUES = 'charts/grafana/values.yaml';
const VALUES_STAGING = 'charts/grafana/values-staging.yaml';

/** The overlay tree of two environments (test/fixtures/clean-kustomize-overlays), and a chart with a values file for staging. */
function initialFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const fixture = join(FIXTURES, 'clean-kustomize-overlays');
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'expected.json' && entry.name !== 'NOTES.md') files.set(relative(fixture, path), readFileSync(path, 'utf8'));
    }
  };
  walk(fixture);
  files.set('charts/grafana/Chart.yaml', 'apiVersion: v2\nname: grafana\nversion: 7.3.0\n');
  files.set(
    'charts/grafana/templates/service.yaml',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "grafana.fullname" . }}\nspec:\n  type: {{ .Values.service.type }}\n  ports:\n    - name: http\n      port: 80\n      {{- if .Values.service.nodePort }}\n      nodePort: {{ .Values.service.nodePort }}\n      {{- end }}\n',
  );
  files.set(VALUES, '# Defaults of every environment.\nservice:\n  type: NodePort\n  nodePort: 30190\n');
  files.set(VALUES_STAGING, 'service:\n  nodePort: 30290\n');
  return files;
}

/** Everything a user sees: each file's diagnostics, and the chains with the Service each links to. */
function observed(workspace: Workspace): string {
  const diagnostics = [...workspace.allDiagnostics()].sort(([a], [b]) => a.localeCompare(b));
  const chains = workspace.environmentNames().map((env) =>
    workspace.chains(env).map((chain) => ({
      app: chain.app,
      expected: chain.expected,
      service: chain.service ? [chain.service.file.path, chain.service.by, chain.service.service.name?.value, chain.service.port?.nodePort, chain.service.template?.file.path, chain.service.template?.span] : undefined,
      hops: chain.hops.map((hop) => [hop.kind, hop.file.path, hop.span, hop.value]),
    })),
  );
  const services = workspace
    .serviceIndex()
    .all.map((at) => [at.file.path, at.env ?? at.file.env ?? '*', at.service.name?.value, at.service.type?.value, at.port?.nodePort?.value, at.port?.nodePort?.span.start])
    .map((entry) => JSON.stringify(entry))
    .sort();
  return JSON.stringify({ diagnostics, chains, services, counts: workspace.severityCounts() }, null, 1);
}

class Session {
  readonly files = initialFiles();
  readonly workspace = workspaceOf(this.files);

  edit(path: string, change: (text: string) => string): void {
    const text = change(this.files.get(path) ?? '');
    this.files.set(path, text);
    this.workspace.update(`${ROOT}/${path}`, { text });
    const current = [...this.workspace.allFiles()].map((file) => file.path.slice(ROOT.length + 1));
    const order = [...current, ...[...this.files.keys()].filter((key) => !current.includes(key))];
    assert.equal(observed(this.workspace), observed(workspaceOf(this.files, order)), `after editing ${path}`);
  }

  chain(env: string, app: string): Chain | undefined {
    return this.workspace.chains(env).find((chain) => chain.app === app);
  }

  codes(path: string): string[] {
    return this.workspace.diagnostics(`${ROOT}/${path}`).map((diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.code}`);
  }
}

describe('composed Services, re-checked incrementally', () => {
  it('starts clean, with a chain per app in both environments', () => {
    const { workspace } = new Session();
    assert.deepEqual([...workspace.allDiagnostics().keys()], []);
    assert.deepEqual(workspace.environmentNames(), [PROD, STAGING]);
    assert.equal(workspace.chains(STAGING).length, workspace.chains(PROD).length);
  });

  it("an inline patch of the staging overlay re-checks staging alone, and there only the chain its Service reaches", () => {
    const session = new Session();
    const prodChains = session.workspace.chains(PROD);
    const argocd = session.chain(STAGING, 'argocd');
    const pgadmin = session.chain(STAGING, 'pgadmin4');
    session.edit(STAGING_PATCH, (text) => text.replace('value: 30270', 'value: 30271'));
    assert.deepEqual(session.workspace.lastRechecked, [STAGING]);
    // The variable and the patched Service tie: the Service wins, and the variable is reported, naming the patch's line.
    assert.deepEqual(session.codes('inventories/staging/group_vars/all/apps.yml'), ['6 port-mismatch']);
    assert.match(session.workspace.diagnostics(`${ROOT}/inventories/staging/group_vars/all/apps.yml`)[0]?.message ?? '', /kustomization\.yaml:13\)/);
    assert.ok(session.workspace.chains(PROD).every((chain, index) => chain === prodChains[index]), 'prod keeps its chains');
    assert.equal(session.chain(STAGING, 'pgadmin4'), pgadmin, 'a chain the patched Service does not reach is kept');
    assert.notEqual(session.chain(STAGING, 'argocd'), argocd);
    assert.equal(session.chain(STAGING, 'argocd')?.service?.port?.nodePort?.value, 30271);
  });

  it('a patch file of the prod overlay re-checks prod alone; fixing it clears the mismatch', () => {
    const session = new Session();
    session.edit(PROD_PATCH, (text) => text.replace('nodePort: 30165', 'nodePort: 30166'));
    assert.deepEqual(session.workspace.lastRechecked, [PROD]);
    assert.deepEqual(session.codes(PROD_PATCH), ['9 port-mismatch']);
    session.edit(PROD_PATCH, (text) => text.replace('nodePort: 30166', 'nodePort: 30165'));
    assert.deepEqual(session.workspace.lastRechecked, [PROD]);
    assert.deepEqual([...session.workspace.allDiagnostics().keys()], []);
  });

  it("a chart's environment values file re-checks that environment alone", () => {
    const session = new Session();
    session.edit(VALUES_STAGING, (text) => text.replace('30290', '30270'));
    assert.deepEqual(session.workspace.lastRechecked, [STAGING]);
    assert.deepEqual(session.codes(VALUES_STAGING), ['2 duplicate-nodeport']);
  });

  it('an edit that changes no Service re-checks no environment', () => {
    const session = new Session();
    // values.yaml's node port is under values-staging.yaml's, the chart's only environment: it reaches nothing.
    session.edit(VALUES, (text) => text.replace('30190', '30191'));
    assert.deepEqual(session.workspace.lastRechecked, []);
    session.edit('k8s/pgadmin/base/service.yaml', (text) => `# The base of every environment.\n${text}`);
    assert.deepEqual(session.workspace.lastRechecked, []);
    session.edit('k8s/argocd/overlays/prod/kustomization.yaml', (text) => text.replace('kind: Kustomization', 'kind: Kustomization # rendered by kubectl kustomize'));
    assert.deepEqual(session.workspace.lastRechecked, []);
  });

  it("values.yaml's type, read by every environment the chart has, re-checks those", () => {
    const session = new Session();
    session.edit(VALUES, (text) => text.replace('type: NodePort', 'type: ClusterIP'));
    assert.deepEqual(session.workspace.lastRechecked, [STAGING]);
    assert.deepEqual(session.codes(VALUES_STAGING), ['2 service-type']);
  });

  it('a base manifest whose name every overlay reads re-checks every environment', () => {
    const session = new Session();
    session.edit('k8s/pgadmin/base/service.yaml', (text) => text.replace('name: pgadmin', 'name: pgadmin-web'));
    assert.deepEqual(session.workspace.lastRechecked, [PROD, STAGING]);
  });

  it('an environment created after its overlay takes the overlay for itself', () => {
    const session = new Session();
    const staging = [...session.files].filter(([path]) => path.startsWith(`${STAGING}/`));
    for (const [path] of staging) {
      session.files.delete(path);
      session.workspace.update(`${ROOT}/${path}`, undefined);
    }
    assert.deepEqual(session.workspace.environmentNames(), [PROD]);
    assert.deepEqual(observed(session.workspace), observed(workspaceOf(session.files)));
    for (const [path, text] of staging) session.edit(path, () => text);
    assert.deepEqual(session.workspace.environmentNames(), [PROD, STAGING]);
    assert.equal(session.chain(STAGING, 'argocd')?.service?.port?.nodePort?.value, 30270);
  });

  const PIECES = ['\n', '  ', ':', '- ', '#', '1', '3026', 'nodePort: ', 'pgadmin', 'NodePort', 'ClusterIP', '{{ .Values.service.nodePort }}', 'resources:\n  - ../../base\n', 'patches:\n', '---\n'];
  const FILES = [STAGING_PATCH, PROD_PATCH, VALUES, VALUES_STAGING, 'charts/grafana/templates/service.yaml', 'k8s/pgadmin/base/service.yaml', 'k8s/pgadmin/overlays/staging/kustomization.yaml', 'k8s/pgadmin/overlays/prod/kustomization.yaml', 'inventories/staging/group_vars/all/apps.yml'];
  const edit = fc.record({
    file: fc.constantFrom(...FILES),
    at: fc.nat(),
    length: fc.nat({ max: 20 }),
    text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 5 })),
    digit: fc.boolean(),
  });

  it('gives what a fresh check gives after any edits of charts, kustomizations, patches and manifests', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const session = new Session();
        for (const generated of edits) {
          session.edit(generated.file, (text) => {
            if (generated.digit) {
              const digits = [...text.matchAll(/\d/g)];
              const match = digits[generated.at % Math.max(1, digits.length)];
              if (match?.index === undefined) return text;
              return `${text.slice(0, match.index)}${(Number(match[0]) + 1) % 10}${text.slice(match.index + 1)}`;
            }
            const at = generated.at % (text.length + 1);
            return `${text.slice(0, at)}${generated.text}${text.slice(at + generated.length)}`;
          });
        }
      }),
      { numRuns: Number(process.env['INCREMENTAL_RUNS'] ?? 60) },
    );
  });
});
