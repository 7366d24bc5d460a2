import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { copyToTemp, EXAMPLE } from '../helpers/paths';
import { TestClient } from '../helpers/lspClient';

/** The text with `|` removed, and where it stood. */
function caret(text: string): { text: string; position: { line: number; character: number } } {
  const at = text.indexOf('|');
  const before = text.slice(0, at);
  return { text: before + text.slice(at + 1), position: { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 } };
}

describe('completion over stdio', () => {
  let root: string;
  let client: TestClient;
  const PROXY = 'inventories/protobox/kube_gateway_pool/proxy.yml';
  const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
  const SERVICE = 'k8s/postgresql/pgadmin-service.yml';
  const original = (relative: string): string => readFileSync(join(EXAMPLE, relative), 'utf8');
  let version = 1;

  /** Types `edited` (with a | caret) into the open file and asks for completion there. */
  async function complete(relative: string, edited: string): Promise<CompletionItem[]> {
    const { text, position } = caret(edited);
    const path = join(root, relative);
    version++;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: client.uri(path), languageId: 'yaml', version, text } });
    const result = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: client.uri(path) }, position });
    await client.close(path);
    return result.items;
  }
  const labels = (items: CompletionItem[]): string[] => items.map((item) => item.label);

  before(async () => {
    root = copyToTemp(EXAMPLE);
    client = await TestClient.start(root);
  });
  after(async () => client.stop());

  it('offers http and tcp after mode:, with the schema description', async () => {
    const items = await complete(PROXY, original(PROXY).replace('mode: http', 'mode: |'));
    assert.deepEqual(labels(items), ['http', 'tcp']);
    assert.match(JSON.stringify(items[0]?.documentation), /HAProxy proxy mode/);
  });

  it('offers the keys still missing under destination:', async () => {
    const items = await complete(PROXY, `${original(PROXY)}argocd:\n  destination:\n    |\n`);
    assert.deepEqual(labels(items).sort(), ['balance', 'group', 'options']);
    const withBalance = await complete(PROXY, `${original(PROXY)}argocd:\n  destination:\n    balance: leastconn\n    |\n`);
    assert.deepEqual(labels(withBalance).sort(), ['group', 'options']);
  });

  it('offers variable path segments inside {{ app.', async () => {
    const items = await complete(PROXY, original(PROXY).replace('port: "{{ app.pgadmin4.port }}"\n  destination', 'port: "{{ app.|\n  destination'));
    assert.deepEqual(labels(items), ['pgadmin4']);
    const deeper = await complete(PROXY, original(PROXY).replace('port: "{{ app.pgadmin4.port }}"\n  destination', 'port: "{{ app.pgadmin4.|\n  destination'));
    assert.deepEqual(labels(deeper), ['port']);
    assert.equal(deeper[0]?.detail, 'app.pgadmin4.port = 30165');
  });

  it('offers stream names after http:// and inventory groups after group:', async () => {
    assert.deepEqual(labels(await complete(ROUTES, original(ROUTES).replace('values: http://stream_vadmin', 'values: http://|'))), ['stream_vadmin']);
    assert.deepEqual(labels(await complete(ROUTES, original(ROUTES).replace('group: kube_gateway_pool', 'group: |'))), ['all', 'kube_gateway_pool', 'webservers_pool']);
  });

  it('offers a node port that nothing uses', async () => {
    const items = await complete(SERVICE, original(SERVICE).replace('nodePort: 30165', 'nodePort: |'));
    assert.equal(items[0]?.label, '30000');
    assert.equal(items[0]?.detail, 'next free node port');
  });

  it('offers, at the top of proxy.yml, the apps that routes.yml exposes without an HAProxy entry', async () => {
    const routes = `${original(ROUTES)}argocd:\n  stream:\n    name: stream_argocd\n    port: 30170\n    group: kube_gateway_pool\n`;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: client.uri(join(root, ROUTES)), languageId: 'yaml', version: 100, text: routes } });
    const items = await complete(PROXY, `${original(PROXY)}arg|`);
    assert.deepEqual(labels(items), ['argocd']);
    await client.close(join(root, ROUTES));
  });

  it('offers Service keys from the Kubernetes schema', async () => {
    const items = await complete(SERVICE, original(SERVICE).replace('  type: NodePort\n', '  |\n'));
    assert.ok(labels(items).includes('type'));
    assert.ok(labels(items).includes('externalTrafficPolicy'));
    assert.ok(!labels(items).includes('ports'), 'keys already present are not offered');
  });
});
