import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { FIXTURES } from '../helpers/paths';

/** Which environment a chart's values file or a Kustomize overlay gives its Services to: by convention, or by `serviceEnvironments`. */

const ROOT = '/ws';

function filesOf(fixture: string, rename: (path: string) => string = (path) => path): Map<string, string> {
  const files = new Map<string, string>();
  const base = join(FIXTURES, fixture);
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'expected.json' && entry.name !== 'NOTES.md') files.set(rename(relative(base, path)), readFileSync(path, 'utf8'));
    }
  };
  walk(base);
  return files;
}

function workspaceOf(files: ReadonlyMap<string, string>, serviceEnvironments: Record<string, string> = {}): Workspace {
  const workspace = new Workspace(ROOT, readSettings({ serviceEnvironments }));
  for (const [path, text] of files) workspace.stage(`${ROOT}/${path}`, { text });
  workspace.commit();
  return workspace;
}

/** Each composed Service port as `file nodePort -> environment` (`*`: every environment). */
function placed(workspace: Workspace): string[] {
  return workspace
    .serviceIndex()
    .all.filter((at) => at.port?.nodePort)
    .map((at) => `${at.file.relativePath} ${at.port?.nodePort?.value ?? ''} -> ${at.env ?? at.file.env ?? '*'}`)
    .sort();
}

describe('the environment of composed Services', () => {
  const stg = (path: string): string => path.replace('/overlays/staging/', '/overlays/stg/');

  it('an overlay folder not named after an environment gives its Services to every environment', () => {
    const workspace = workspaceOf(filesOf('clean-kustomize-overlays', stg));
    assert.ok(placed(workspace).includes('k8s/argocd/overlays/stg/kustomization.yaml 30270 -> *'), placed(workspace).join('\n'));
  });

  it('kubeExpose.serviceEnvironments maps an overlay to an environment', () => {
    const workspace = workspaceOf(filesOf('clean-kustomize-overlays', stg), { 'k8s/*/overlays/stg/**': 'staging' });
    assert.ok(placed(workspace).includes('k8s/argocd/overlays/stg/kustomization.yaml 30270 -> staging'), placed(workspace).join('\n'));
    assert.equal(workspace.chains('inventories/staging').find((chain) => chain.app === 'argocd')?.service?.port?.nodePort?.value, 30270);
    assert.equal(workspace.chains('inventories/prod').find((chain) => chain.app === 'argocd')?.service?.port?.nodePort?.value, 30170);
    assert.deepEqual([...workspace.allDiagnostics().keys()], []);
  });

  it('kubeExpose.serviceEnvironments maps a values file to an environment, over values.yaml', () => {
    const files = filesOf('bad-helm-values-mismatch', (path) => path.replace('values-prod.yaml', 'values-production.yaml'));
    assert.deepEqual(placed(workspaceOf(files)), ['charts/argocd/values-production.yaml 30175 -> production']);
    const workspace = workspaceOf(files, { 'charts/argocd/values-production.yaml': 'prod' });
    assert.deepEqual(placed(workspace), ['charts/argocd/values-production.yaml 30175 -> prod']);
    const diagnostics = workspace.diagnostics(`${ROOT}/charts/argocd/values-production.yaml`);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.range.start.line + 1, diagnostic.code]),
      [[3, 'port-mismatch']],
    );
  });
});
