import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { Hover } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { FIXTURES, SERVER, copyToTemp } from '../helpers/paths';
import { TestClient } from '../helpers/lspClient';

describe('server transports and workspaces', () => {
  it('speaks LSP over node IPC, as the VS Code client runs it', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await connection.sendRequest<{ capabilities: { hoverProvider?: boolean }; serverInfo?: { name: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.equal(result.serverInfo?.name, 'kube-expose');
      assert.equal(result.capabilities.hoverProvider, true);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('keeps environments apart: the same app resolves to each environment\'s Service', async () => {
    const root = copyToTemp(join(FIXTURES, 'clean-multi-env'));
    const client = await TestClient.start(root);
    try {
      assert.equal([...client.diagnostics.values()].flat().length, 0);
      for (const [env, port] of [['prod', 30165], ['staging', 30265]] as const) {
        const routes = join(root, `inventories/${env}/webservers_pool/routes.yml`);
        const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI.file(routes).toString() }, position: { line: 14, character: 12 } });
        const text = (hover.contents as { value: string }).value;
        assert.match(text, new RegExp(`Service postgresql/pgadmin nodePort ${port}`));
        assert.match(text, new RegExp(`k8s/${env}/postgresql/pgadmin-service\\.yml`));
      }
    } finally {
      await client.stop();
    }
  });
});
