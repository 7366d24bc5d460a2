import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { copyToTemp, EXAMPLE, tempDir } from '../helpers/paths';
import { TestClient } from '../helpers/lspClient';

const lastStatus = (client: TestClient): StatusParams | undefined =>
  client.notifications.filter((note) => note.method === 'kubeExpose/status').map((note) => note.params as StatusParams).pop();

const logged = (client: TestClient): string[] =>
  client.notifications.filter((note) => note.method === 'window/logMessage').map((note) => (note.params as { message: string }).message);

/** The status bar and the output channel say when nothing but the Services can be checked (the client notifies once). */
describe('a workspace without an Ansible inventory', () => {
  it('is said in the status and the output channel, with how to name the inventories', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'k8s'));
    writeFileSync(join(root, 'k8s/pgadmin.yml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: pgadmin\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30164\n');
    const client = await TestClient.start(root);
    try {
      await client.waitFor(() => logged(client).some((message) => message.includes('No Ansible inventory')));
      const status = lastStatus(client);
      assert.equal(status?.environments, 0);
      assert.deepEqual(status?.withoutInventory, [root]);
      const message = logged(client).find((line) => line.includes('No Ansible inventory')) ?? '';
      assert.match(message, /no chain .* is checked; only the Services are/);
      assert.match(message, /ansible\.cfg \(\[defaults\] inventory\)/);
      assert.match(message, /kubeExpose\.files\.inventory/);
    } finally {
      await client.stop();
    }
  });

  it('is not said where an inventory is found', async () => {
    const client = await TestClient.start(copyToTemp(EXAMPLE));
    try {
      const status = lastStatus(client);
      assert.equal(status?.environments, 1);
      assert.deepEqual(status?.withoutInventory, []);
      assert.ok(!logged(client).some((message) => message.includes('No Ansible inventory')));
    } finally {
      await client.stop();
    }
  });
  it('finds the inventory once ansible.cfg names it, without a restart', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'deploy/group_vars/kube_gateway_pool'), { recursive: true });
    // An extension-less INI inventory: no default glob and no content rule takes it; only ansible.cfg can.
    writeFileSync(join(root, 'deploy/production'), '[kube_gateway_pool]\ngw-1\n');
    writeFileSync(join(root, 'deploy/group_vars/kube_gateway_pool/proxy.yml'), 'pgadmin4:\n  mode: http\n  port: 30164\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: 30164\n');
    const client = await TestClient.start(root);
    try {
      assert.equal(lastStatus(client)?.environments, 0);
      writeFileSync(join(root, 'ansible.cfg'), '[defaults]\ninventory = deploy/production\n');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(join(root, 'ansible.cfg')), type: 1 }] });
      await client.waitFor(() => lastStatus(client)?.environments === 1);
      assert.deepEqual(lastStatus(client)?.withoutInventory, []);
    } finally {
      await client.stop();
    }
  });
});
