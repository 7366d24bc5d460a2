import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/core/settings';
import type { Workspace } from '../../server/src/core/workspace/workspace';
import { MEMORY_ROOT, fixtureFiles, workspaceOf } from '../helpers/workspaceFiles';

/** Which environment a chart's values file or a Kustomize overlay gives its Services to: by convention, or by `serviceEnvironments`. */

const ROOT = MEMORY_ROOT;

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
    const workspace = workspaceOf(fixtureFiles('clean-kustomize-overlays', stg));
    assert.ok(placed(workspace).includes('k8s/argocd/overlays/stg/kustomization.yaml 30270 -> *'), placed(workspace).join('\n'));
  });

  it('kubeExpose.serviceEnvironments maps an overlay to an environment', () => {
    const workspace = workspaceOf(fixtureFiles('clean-kustomize-overlays', stg), undefined, readSettings({ serviceEnvironments: { 'k8s/*/overlays/stg/**': 'staging' } }));
    assert.ok(placed(workspace).includes('k8s/argocd/overlays/stg/kustomization.yaml 30270 -> staging'), placed(workspace).join('\n'));
    assert.equal(workspace.chains('inventories/staging').find((chain) => chain.app === 'argocd')?.service?.port?.nodePort?.value, 30270);
    assert.equal(workspace.chains('inventories/prod').find((chain) => chain.app === 'argocd')?.service?.port?.nodePort?.value, 30170);
    assert.deepEqual([...workspace.allDiagnostics().keys()], []);
  });

  it('kubeExpose.serviceEnvironments maps a values file to an environment, over values.yaml', () => {
    const files = fixtureFiles('bad-helm-values-mismatch', (path) => path.replace('values-prod.yaml', 'values-production.yaml'));
    assert.deepEqual(placed(workspaceOf(files)), ['charts/argocd/values-production.yaml 30175 -> production']);
    const workspace = workspaceOf(files, undefined, readSettings({ serviceEnvironments: { 'charts/argocd/values-production.yaml': 'prod' } }));
    assert.deepEqual(placed(workspace), ['charts/argocd/values-production.yaml 30175 -> prod']);
    const diagnostics = workspace.diagnostics(`${ROOT}/charts/argocd/values-production.yaml`);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.range.start.line + 1, diagnostic.code]),
      [[3, 'port-mismatch']],
    );
  });
});
