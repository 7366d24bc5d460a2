import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits } from '../../server/src/core/edit/applyText';
import { codeActions } from '../../server/src/core/features/codeActions';
import type { CodeActionEntry } from '../../server/src/core/features/types';
import type { Workspace } from '../../server/src/core/workspace/workspace';
import { MEMORY_ROOT, fixtureFiles, workspaceOf } from '../helpers/workspaceFiles';

/**
 * The port-mismatch quick-fix where a chart or an overlay writes the node port: the values file (never the
 * template, even when the template's `default` was taken), the environment's `values/<env>.yaml`, a Kustomize
 * patch file, and an inline JSON 6902 patch. Each edits only the bytes it must, and leaves nothing to report.
 */

const ROOT = MEMORY_ROOT;

/** Every diagnostic as `file:line code`. */
function reported(workspace: Workspace): string[] {
  return [...workspace.allDiagnostics()].flatMap(([path, diagnostics]) => diagnostics.map((diagnostic) => `${path.slice(ROOT.length + 1)}:${diagnostic.range.start.line + 1} ${diagnostic.code}`));
}

/** The quick-fixes of the one diagnostic of `relativePath`. */
function fixesOf(workspace: Workspace, relativePath: string): CodeActionEntry[] {
  const path = `${ROOT}/${relativePath}`;
  const diagnostics = workspace.diagnostics(path);
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  const diagnostic = diagnostics[0];
  assert.ok(diagnostic);
  return codeActions(workspace, path, diagnostic.range, diagnostics);
}

/** Applies a fix to the texts and the workspace; returns the relative paths it wrote. */
function apply(workspace: Workspace, files: Map<string, string>, fix: CodeActionEntry): string[] {
  const written: string[] = [];
  for (const created of fix.edit.creates ?? []) {
    const relativePath = created.file.slice(ROOT.length + 1);
    files.set(relativePath, created.text);
    workspace.update(created.file, { text: created.text });
    written.push(relativePath);
  }
  for (const [path, edits] of Object.entries(fix.edit.changes)) {
    const relativePath = path.slice(ROOT.length + 1);
    const text = applyTextEdits(files.get(relativePath) ?? '', edits);
    files.set(relativePath, text);
    workspace.update(path, { text });
    written.push(relativePath);
  }
  return written;
}

describe('port-mismatch quick-fixes where charts and overlays write the node port', () => {
  it("writes the values file when the template's default was taken, never the template", () => {
    const files = fixtureFiles('bad-helm-values-mismatch');
    files.delete('charts/argocd/values-prod.yaml');
    files.set('charts/argocd/values.yaml', 'fullnameOverride: argocd-server\nservice:\n  type: NodePort\n  httpPort: 80\n');
    files.set('charts/argocd/templates/service.yaml', (files.get('charts/argocd/templates/service.yaml') ?? '').replace('default 30080', 'default 30081'));
    const workspace = workspaceOf(files);
    assert.deepEqual(reported(workspace), ['charts/argocd/templates/service.yaml:15 port-mismatch']);
    const fixes = fixesOf(workspace, 'charts/argocd/templates/service.yaml');
    assert.deepEqual(
      fixes.map((fix) => fix.title),
      ['Set service.nodePort to 30170 in charts/argocd/values.yaml'],
    );
    const template = files.get('charts/argocd/templates/service.yaml');
    assert.deepEqual(apply(workspace, files, fixes[0] as CodeActionEntry), ['charts/argocd/values.yaml']);
    assert.equal(files.get('charts/argocd/values.yaml'), 'fullnameOverride: argocd-server\nservice:\n  type: NodePort\n  httpPort: 80\n  nodePort: 30170\n');
    assert.equal(files.get('charts/argocd/templates/service.yaml'), template);
    assert.deepEqual(reported(workspace), []);
  });

  it('reads and fixes the values/<env>.yaml of the environment', () => {
    const files = fixtureFiles('bad-helm-values-mismatch');
    files.set('charts/argocd/values/prod.yaml', files.get('charts/argocd/values-prod.yaml') ?? '');
    files.delete('charts/argocd/values-prod.yaml');
    const workspace = workspaceOf(files);
    assert.deepEqual(reported(workspace), ['charts/argocd/values/prod.yaml:3 port-mismatch']);
    const fix = fixesOf(workspace, 'charts/argocd/values/prod.yaml').find((candidate) => candidate.isPreferred);
    assert.ok(fix);
    assert.deepEqual(apply(workspace, files, fix), ['charts/argocd/values/prod.yaml']);
    assert.match(files.get('charts/argocd/values/prod.yaml') ?? '', /\n {2}nodePort: 30170\n$/);
    assert.deepEqual(reported(workspace), []);
  });

  it("names a chart's Service after nameOverride when the template names it with the chart's helper", () => {
    const files = fixtureFiles('bad-helm-values-mismatch');
    files.set('charts/argocd/values.yaml', (files.get('charts/argocd/values.yaml') ?? '').replace('fullnameOverride: argocd-server', 'nameOverride: argocd-web'));
    const workspace = workspaceOf(files);
    const chain = workspace.chains('inventories/prod').find((candidate) => candidate.app === 'argocd');
    assert.equal(chain?.service?.service.name?.value, 'argocd-web');
    assert.equal(chain?.service?.by, 'name');
  });

  it('fixes an inline JSON 6902 patch on its value line, and the overlay then renders the right port', () => {
    const files = fixtureFiles('bad-kustomize-patch-mismatch');
    const workspace = workspaceOf(files);
    const overlay = 'k8s/argocd/overlays/staging/kustomization.yaml';
    assert.deepEqual(reported(workspace), [`${overlay}:13 port-mismatch`]);
    const fix = fixesOf(workspace, overlay).find((candidate) => candidate.isPreferred);
    assert.ok(fix);
    assert.deepEqual(fix.edit.changes[`${ROOT}/${overlay}`], [{ range: { start: { line: 12, character: 15 }, end: { line: 12, character: 20 } }, newText: '30270' }]);
    apply(workspace, files, fix);
    assert.deepEqual(reported(workspace), []);
  });

  it('fixes a strategic-merge patch file where it sets the node port', () => {
    const files = fixtureFiles('clean-kustomize-overlays');
    const patch = 'k8s/pgadmin/overlays/prod/nodeport.yaml';
    files.set(patch, (files.get(patch) ?? '').replace('nodePort: 30165', 'nodePort: 30166'));
    const workspace = workspaceOf(files);
    assert.deepEqual(reported(workspace), [`${patch}:9 port-mismatch`]);
    const fix = fixesOf(workspace, patch).find((candidate) => candidate.isPreferred);
    assert.ok(fix);
    assert.deepEqual(apply(workspace, files, fix), [patch]);
    assert.deepEqual(reported(workspace), []);
  });
});
