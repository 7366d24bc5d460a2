import assert from 'node:assert/strict';
import { once } from 'node:events';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TestClient } from '../helpers/lspClient';
import { copyToTemp, EXAMPLE } from '../helpers/paths';

const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';

describe('failure of the server itself', () => {
  it('comes back with the same diagnostics after being killed, as the client restarts it', async () => {
    const root = copyToTemp(EXAMPLE);
    const first = await TestClient.start(root);
    const before = first.diagnosticsOf(join(root, ROUTES));
    assert.equal(before.length, 1);
    const exited = once(first.process, 'exit');
    first.process.kill('SIGKILL');
    await exited;
    first.connection.dispose();
    // A killed server answers nothing: the client sees the connection close instead of waiting forever.
    assert.equal(first.process.exitCode === null ? first.process.signalCode : first.process.exitCode, 'SIGKILL');
    const second = await TestClient.start(root);
    try {
      assert.deepEqual(second.diagnosticsOf(join(root, ROUTES)), before);
    } finally {
      await second.stop();
    }
  });

  it('reports files it may not read once, in one message, and checks the rest', async () => {
    const root = copyToTemp(EXAMPLE);
    for (const directory of ['', 'inventories', 'inventories/protobox', 'inventories/protobox/group_vars', 'inventories/protobox/group_vars/all', 'inventories/protobox/kube_gateway_pool', 'inventories/protobox/webservers_pool', 'k8s', 'k8s/postgresql']) chmodSync(join(root, directory), 0o755);
    for (const file of [ROUTES, 'inventories/protobox/kube_gateway_pool/proxy.yml', 'inventories/protobox/hosts.yml', 'k8s/postgresql/pgadmin-service.yml', 'inventories/protobox/group_vars/all/apps.yml']) chmodSync(join(root, file), 0o644);
    chmodSync(join(root, ROUTES), 0o000);
    chmodSync(join(root, 'k8s/postgresql/pgadmin-service.yml'), 0o000);
    const client = await TestClient.start(root, {}, process.getuid?.() === 0);
    try {
      const messages = client.notifications.filter((note) => note.method === 'window/showMessage');
      assert.equal(messages.length, 1);
      assert.match(JSON.stringify(messages[0]?.params), /cannot read 2 files/);
      assert.match(JSON.stringify(client.diagnosticsOf(join(root, ROUTES))[0]?.message), /cannot be read \(EACCES\)/);
      await client.request('workspace/symbol', { query: '' });
      assert.equal(client.notifications.filter((note) => note.method === 'window/showMessage').length, 1);
    } finally {
      await client.stop();
    }
  });

  it('answers a handler that throws with an error, and keeps serving', async () => {
    const client = await TestClient.start(copyToTemp(EXAMPLE));
    try {
      for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/rename']) {
        await assert.rejects(client.request(method, {}), /failed/, method);
      }
      const symbols = await client.request<unknown[]>('workspace/symbol', { query: 'pg' });
      assert.ok(symbols.length > 0);
    } finally {
      await client.stop();
    }
  });
});
