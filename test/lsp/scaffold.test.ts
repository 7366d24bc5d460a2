import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { copyToTemp, EXAMPLE } from '../helpers/paths';
import { applyWorkspaceEdit, TestClient } from '../helpers/lspClient';
import { EXPECTED } from '../helpers/scaffoldExpected';

const GRAFANA = { env: 'protobox', app: 'grafana', namespace: 'monitoring', targetPort: 3000, location: '/grafana/' };

describe('the kubeExpose.scaffold command over LSP', () => {
  it('offers the environments and the next free node port as defaults', async () => {
    const client = await TestClient.start(copyToTemp(EXAMPLE));
    try {
      const defaults = await client.request<{ environments: { id: string; name: string }[]; nodePort: number }>('kubeExpose/scaffoldDefaults', undefined);
      assert.deepEqual(defaults.environments.map((env) => [env.id, env.name]), [['inventories/protobox', 'protobox']]);
      assert.equal(defaults.nodePort, 30000);
    } finally {
      await client.stop();
    }
  });

  it('asks the editor to apply one edit that writes the expected files, then the workspace has nothing new', async () => {
    const root = copyToTemp(EXAMPLE);
    const client = await TestClient.start(root);
    try {
      const before = [...client.diagnostics.values()].flat().length;
      const response = await client.request<{ applied: boolean; service: string }>('workspace/executeCommand', { command: 'kubeExpose.scaffold', arguments: [GRAFANA] });
      assert.equal(response.applied, true);
      assert.equal(client.appliedEdits.length, 1, 'one edit, one undo');
      assert.equal(URI.parse(response.service).fsPath, join(root, 'k8s/monitoring/grafana-service.yml'));
      for (const [relative, text] of Object.entries(EXPECTED)) assert.equal(readFileSync(join(root, relative), 'utf8'), text, relative);
      const changes = Object.keys(EXPECTED).map((relative) => ({ uri: client.uri(join(root, relative)), type: relative.startsWith('k8s/monitoring') ? 1 : 2 }));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
      await client.waitFor(() => client.notifications.filter((note) => note.method === 'kubeExpose/status').some((note) => (note.params as { files: number }).files === 6));
      assert.equal([...client.diagnostics.values()].flat().length, before);
    } finally {
      await client.stop();
    }
  });

  it('returns the edit without applying it on a dry run', async () => {
    const root = copyToTemp(EXAMPLE);
    const client = await TestClient.start(root);
    try {
      const response = await client.request<{ applied: boolean; edit: WorkspaceEdit }>('workspace/executeCommand', { command: 'kubeExpose.scaffold', arguments: [{ ...GRAFANA, dryRun: true }] });
      assert.equal(response.applied, false);
      assert.equal(client.appliedEdits.length, 0);
      applyWorkspaceEdit(response.edit);
      for (const [relative, text] of Object.entries(EXPECTED)) assert.equal(readFileSync(join(root, relative), 'utf8'), text, relative);
    } finally {
      await client.stop();
    }
  });

  it('refuses with a clear error and applies nothing', async () => {
    const client = await TestClient.start(copyToTemp(EXAMPLE));
    try {
      await assert.rejects(client.request('workspace/executeCommand', { command: 'kubeExpose.scaffold', arguments: [{ ...GRAFANA, app: 'pgadmin4' }] }), /App pgadmin4 already exists in environment protobox/);
      await assert.rejects(client.request('workspace/executeCommand', { command: 'kubeExpose.scaffold', arguments: [{ env: 'protobox' }] }), /needs "app"/);
      assert.equal(client.appliedEdits.length, 0);
    } finally {
      await client.stop();
    }
  });
});
