import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TestClient } from '../helpers/lspClient';
import { copyToTemp, FIXTURES } from '../helpers/paths';
import { runCli } from '../helpers/run';

const SERVICE_ENVIRONMENTS = { 'k8s/prod/**': 'prod', 'k8s/staging/**': 'staging' };
const MAPPED = JSON.stringify({ serviceEnvironments: SERVICE_ENVIRONMENTS });

/**
 * Two environments whose Services share nodePort 30165. Unmapped, either Service may be in either cluster: a
 * duplicate node port. Mapped to their environments by `.kube-expose.json`, nothing is wrong.
 */
function twoClusters(settingsFile?: string): string {
  const root = copyToTemp(join(FIXTURES, 'clean-multi-env'));
  for (const relative of ['k8s/staging/postgresql/pgadmin-service.yml', 'inventories/staging/group_vars/all/apps.yml', 'inventories/staging/kube_gateway_pool/proxy.yml', 'inventories/staging/webservers_pool/routes.yml']) {
    const path = join(root, relative);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('30265', '30165'));
  }
  if (settingsFile !== undefined) writeFileSync(join(root, '.kube-expose.json'), settingsFile);
  return root;
}

const codes = (client: TestClient): string[] => [...client.diagnostics.values()].flat().map((diagnostic) => String(diagnostic.code)).sort();
const shown = (client: TestClient): string[] => client.notifications.filter((note) => note.method === 'window/showMessage').map((note) => (note.params as { message: string }).message);

describe("the repository's .kube-expose.json in the editor", () => {
  it('reports what the command-line checker reports, and follows the file as it changes on disk', async () => {
    const root = twoClusters(MAPPED);
    const report = JSON.parse(runCli(['check', '--format', 'json', root], root).stdout) as { diagnostics: unknown[] };
    assert.equal(report.diagnostics.length, 0, 'the CI check is clean');
    const client = await TestClient.start(root);
    try {
      assert.deepEqual(codes(client), []);
      const uri = client.uri(join(root, '.kube-expose.json'));
      rmSync(join(root, '.kube-expose.json'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
      await client.waitFor(() => codes(client).length === 2);
      assert.deepEqual(codes(client), ['duplicate-nodeport', 'duplicate-nodeport']);
      writeFileSync(join(root, '.kube-expose.json'), MAPPED);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
      await client.waitFor(() => codes(client).length === 0);
    } finally {
      await client.stop();
    }
  });

  it('says once when the file is not valid JSON, and checks with the editor settings meanwhile', async () => {
    const root = twoClusters('{ "serviceEnvironments": ');
    const client = await TestClient.start(root);
    try {
      await client.waitFor(() => shown(client).length > 0);
      assert.match(shown(client)[0] ?? '', /^Kube Expose: \.kube-expose\.json is not valid JSON/);
      assert.deepEqual(codes(client), ['duplicate-nodeport', 'duplicate-nodeport']);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.request('textDocument/documentSymbol', { textDocument: { uri: client.uri(join(root, 'inventories/prod/hosts.yml')) } });
      assert.equal(shown(client).length, 1, 'not said again while the file stays the same');
    } finally {
      await client.stop();
    }
  });

  it('in an untrusted workspace, does not let the file choose which files are read', async () => {
    const root = twoClusters(JSON.stringify({ serviceEnvironments: SERVICE_ENVIRONMENTS, maxFileSize: 10 }));
    const trusted = await TestClient.start(root);
    const untrusted = await TestClient.start(root, { workspaceTrusted: false });
    try {
      assert.ok(codes(trusted).length > 0 && codes(trusted).every((code) => code === 'file-skipped'), 'trusted: every file is over the 10-byte limit');
      assert.deepEqual(codes(untrusted), [], 'untrusted: the limit is the editor one, the Service mapping still applies');
      await untrusted.waitFor(() => shown(untrusted).length > 0);
      assert.match(shown(untrusted)[0] ?? '', /maxFileSize ignored, as the workspace is not trusted/);
    } finally {
      await trusted.stop();
      await untrusted.stop();
    }
  });

  it('names a setting in a message where it was read: the file, or the editor settings', async () => {
    const rangeMessages = (client: TestClient): string[] =>
      [...client.diagnostics.values()]
        .flat()
        .filter((diagnostic) => diagnostic.code === 'nodeport-range')
        .map((diagnostic) => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value));
    const fromFile = await TestClient.start(twoClusters(JSON.stringify({ ...JSON.parse(MAPPED), nodePortRange: '30000-30100' })));
    const fromEditor = await TestClient.start(twoClusters(MAPPED), { nodePortRange: '30000-30100' });
    try {
      await fromFile.waitFor(() => rangeMessages(fromFile).length > 0);
      await fromEditor.waitFor(() => rangeMessages(fromEditor).length > 0);
      for (const message of rangeMessages(fromFile)) assert.match(message, /\(nodePortRange in \.kube-expose\.json\)\.$/);
      for (const message of rangeMessages(fromEditor)) assert.match(message, /\(kubeExpose\.nodePortRange\)\.$/);
    } finally {
      await fromFile.stop();
      await fromEditor.stop();
    }
  });
});
