import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyToTemp, EXAMPLE } from '../helpers/paths';
import { TestClient } from '../helpers/lspClient';

describe('language server diagnostics over stdio', () => {
  let root: string;
  let client: TestClient;
  let routes: string;
  let service: string;
  let apps: string;

  before(async () => {
    root = copyToTemp(EXAMPLE);
    routes = join(root, 'inventories/protobox/webservers_pool/routes.yml');
    service = join(root, 'k8s/postgresql/pgadmin-service.yml');
    apps = join(root, 'inventories/protobox/group_vars/all/apps.yml');
    client = await TestClient.start(root);
  });

  after(async () => client.stop());

  it('checks files that are not open and publishes the seed mismatch in routes.yml', async () => {
    await client.waitFor(() => client.diagnosticsOf(routes).length > 0);
    const [diagnostic, ...rest] = client.diagnosticsOf(routes);
    assert.equal(rest.length, 0);
    assert.equal(diagnostic?.code, 'port-mismatch');
    assert.equal(diagnostic?.source, 'kube-expose');
    assert.deepEqual(diagnostic?.range, { start: { line: 14, character: 10 }, end: { line: 14, character: 15 } });
    assert.match(typeof diagnostic?.message === 'string' ? diagnostic.message : '', /k8s\/postgresql\/pgadmin-service\.yml:12/);
    assert.ok((diagnostic?.relatedInformation ?? []).length >= 3, 'the other hops come as related information');
  });

  it('re-publishes another file when a change moves the mismatch there, and back', async () => {
    const text = readFileSync(service, 'utf8');
    await client.open(service, text);
    const line = text.split('\n').findIndex((candidate) => candidate.includes('nodePort: 30165'));
    const character = text.split('\n')[line]?.indexOf('30165') ?? 0;
    await client.change(service, [{ range: { start: { line, character }, end: { line, character: character + 5 } }, text: '30164' }]);
    // Service and stream now agree on 30164: the odd one out is the app variable.
    await client.waitFor(() => client.diagnosticsOf(routes).length === 0 && client.diagnosticsOf(apps).length === 1);
    assert.equal(client.diagnosticsOf(apps)[0]?.code, 'port-mismatch');
    await client.change(service, [{ range: { start: { line, character }, end: { line, character: character + 5 } }, text: '30165' }]);
    await client.waitFor(() => client.diagnosticsOf(routes).length === 1 && client.diagnosticsOf(apps).length === 0);
    await client.close(service);
  });

  it('clears the mismatch everywhere once routes.yml is fixed in the editor', async () => {
    const text = readFileSync(routes, 'utf8');
    await client.open(routes, text);
    await client.change(routes, [{ range: { start: { line: 14, character: 10 }, end: { line: 14, character: 15 } }, text: '30165' }]);
    await client.waitFor(() => client.diagnosticsOf(routes).length === 0);
    await client.change(routes, [{ range: { start: { line: 14, character: 10 }, end: { line: 14, character: 15 } }, text: '30164' }]);
    await client.waitFor(() => client.diagnosticsOf(routes).length === 1);
    await client.close(routes);
  });

  it('picks up files created and deleted outside the editor', async () => {
    const copy = join(root, 'k8s/postgresql/pgadmin-copy-service.yml');
    writeFileSync(copy, readFileSync(service, 'utf8').replace('name: pgadmin\n', 'name: pgadmin-copy\n'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(copy), type: 1 }] });
    const duplicated = (path: string): boolean => client.diagnosticsOf(path).some((diagnostic) => diagnostic.code === 'duplicate-nodeport');
    await client.waitFor(() => duplicated(copy) && duplicated(service));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(copy), type: 3 }] });
    await client.waitFor(() => client.diagnosticsOf(copy).length === 0 && !client.diagnosticsOf(service).some((diagnostic) => diagnostic.code === 'duplicate-nodeport'));
  });

  it('applies changed settings without a restart', async () => {
    client.settings = { severity: { 'port-mismatch': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(() => client.diagnosticsOf(routes).length === 0);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(() => client.diagnosticsOf(routes).length === 1);
  });

  it('answers a malformed request with an error and stays up', async () => {
    await assert.rejects(client.request('textDocument/hover', { position: { line: 0, character: 0 } }), /hover failed/);
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri(routes) } });
    assert.ok(Array.isArray(symbols));
  });

  it('reports indexing progress and a status with the file count', () => {
    const statuses = client.notifications.filter((note) => note.method === 'kubeExpose/status').map((note) => note.params as { files: number; errors: number });
    assert.equal(statuses.at(-1)?.files, 5);
    assert.ok(client.notifications.some((note) => note.method === '$/progress'));
  });
});
