import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { copyToTemp, FIXTURES } from '../helpers/paths';
import { TestClient } from '../helpers/lspClient';

const FIXTURE = join(FIXTURES, 'clean-helm-scaffold');
const VALUES = 'charts/grafana/values.yaml';
const GRAFANA = { env: 'prod', app: 'grafana', location: '/grafana/' };

/** The text edits of one file in a workspace edit, as [line, character, line, character, new text]. */
function editsOf(edit: WorkspaceEdit, path: string): [number, number, number, number, string][] {
  const changes = (edit.documentChanges ?? []).filter((change): change is TextDocumentEdit => 'textDocument' in change && URI.parse(change.textDocument.uri).fsPath === path);
  return changes.flatMap((change) => change.edits.map((text) => [text.range.start.line, text.range.start.character, text.range.end.line, text.range.end.character, ('newText' in text ? text.newText : '')] as [number, number, number, number, string]));
}

describe('the kubeExpose.scaffold command into a Helm chart, over LSP', () => {
  let root: string;
  let client: TestClient;

  before(async () => {
    root = copyToTemp(FIXTURE);
    client = await TestClient.start(root);
  });
  after(async () => client.stop());

  it('offers the workspace charts beside the plain manifest', async () => {
    const defaults = await client.request<{ charts: { root: string; name: string; folder: string }[]; servicePath: string }>('kubeExpose/scaffoldDefaults', undefined);
    assert.deepEqual(
      defaults.charts.map((chart) => [chart.root, chart.name]),
      [
        ['charts/grafana', 'grafana'],
        ['charts/loki', 'loki'],
        ['charts/redis', 'redis'],
      ],
    );
    assert.equal(URI.parse(defaults.charts[0]?.folder ?? '').fsPath, root);
    assert.equal(defaults.servicePath, 'k8s/{namespace}/{app}-service.yml');
  });

  it('refuses a chart whose Service template reads no node port from values, and applies nothing', async () => {
    await assert.rejects(client.request('workspace/executeCommand', { command: 'kubeExpose.scaffold', arguments: [{ ...GRAFANA, chart: 'charts/redis' }] }), /No Service template of the chart charts\/redis reads its nodePort from values/);
    assert.equal(client.appliedEdits.length, 0);
  });

  it('returns the creation of the environment values file on a dry run', async () => {
    const response = await client.request<{ applied: boolean; edit: WorkspaceEdit; service: string }>('workspace/executeCommand', { command: 'kubeExpose.scaffold', arguments: [{ ...GRAFANA, chart: 'charts/loki', dryRun: true }] });
    assert.equal(response.applied, false);
    const created = join(root, 'charts/loki/values/prod.yaml');
    assert.equal(URI.parse(response.service).fsPath, created);
    assert.ok((response.edit.documentChanges ?? []).some((change) => 'kind' in change && change.kind === 'create' && URI.parse(change.uri).fsPath === created));
    assert.deepEqual(editsOf(response.edit, created), [[0, 0, 0, 0, 'service:\n  nodePort: 30000\n']]);
  });

  it("asks the editor for one edit that changes only the two values of the chart's values.yaml, then opens it", async () => {
    const path = join(root, VALUES);
    const response = await client.request<{ applied: boolean; service: string; nodePort: number }>('workspace/executeCommand', { command: 'kubeExpose.scaffold', arguments: [{ ...GRAFANA, chart: 'charts/grafana' }] });
    assert.equal(response.applied, true);
    assert.equal(client.appliedEdits.length, 1, 'one edit, one undo');
    assert.equal(URI.parse(response.service).fsPath, path);
    const edit = client.appliedEdits[0];
    assert.ok(edit);
    assert.deepEqual(editsOf(edit, path), [
      [7, 8, 7, 17, 'NodePort'],
      [11, 12, 11, 14, '30000'],
    ]);
    assert.ok(!(edit.documentChanges ?? []).some((change) => 'kind' in change), 'no file is created');
    assert.equal(readFileSync(path, 'utf8'), readFileSync(join(FIXTURE, VALUES), 'utf8').replace('type: ClusterIP', 'type: NodePort').replace('nodePort: ""', 'nodePort: 30000'));
  });
});
