import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient';
import { copyToTemp, FIXTURES, REPO } from '../helpers/paths';

const PROXY = 'inventories/prod/kube_gateway_pool/proxy.yml';
const ROUTES = 'inventories/prod/webservers_pool/routes.yml';
const SERVICE = 'k8s/keycloak/keycloak-service.yml';
const EVERYTHING = { syntax: true, kubernetesSchema: true, groupVarsSchema: true };

const codesOf = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((diagnostic) => String(diagnostic.code)).sort();

/** What yaml-language-server (the server of Red Hat's YAML extension) publishes for one file, given yaml.* settings. */
async function yamlLanguageServerDiagnostics(root: string, path: string, yaml: Record<string, unknown>): Promise<Diagnostic[]> {
  const child = spawn(process.execPath, [join(REPO, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const settings = { yaml: { validate: true, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false }, ...yaml } };
  const published = new Promise<Diagnostic[]>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (params.uri === pathToFileURL(path).href && params.diagnostics.length) resolve(params.diagnostics);
    });
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => (item.section === 'yaml' ? settings.yaml : null)));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  try {
    const uri = pathToFileURL(root).href;
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'test' }], capabilities: { workspace: { configuration: true } } });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('workspace/didChangeConfiguration', { settings });
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(path).href, languageId: 'yaml', version: 1, text: readFileSync(path, 'utf8') } });
    return await Promise.race([published, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('yaml-language-server published nothing')), 20_000))]);
  } finally {
    child.kill();
    connection.dispose();
  }
}

describe('next to Red Hat\'s YAML extension', () => {
  it('our proxy and routes schemas work in yaml-language-server through the README\'s yaml.schemas entry', async () => {
    const root = copyToTemp(join(FIXTURES, 'bad-schema'));
    const schemas = {
      [join(REPO, 'schemas', 'proxy.schema.json')]: ['inventories/*/kube_gateway_pool/proxy.yml'],
      [join(REPO, 'schemas', 'routes.schema.json')]: ['inventories/*/webservers_pool/routes.yml'],
    };
    const proxy = await yamlLanguageServerDiagnostics(root, join(root, PROXY), { schemas });
    assert.ok(proxy.some((diagnostic) => diagnostic.range.start.line === 1 && /http|tcp/.test(JSON.stringify(diagnostic.message))), JSON.stringify(proxy));
    const routes = await yamlLanguageServerDiagnostics(root, join(root, ROUTES), { schemas });
    assert.ok(routes.length > 0);
  });

  it('leaves to it the syntax and schema problems it reports in an open YAML document, and shows them again once closed', async () => {
    const root = copyToTemp(join(FIXTURES, 'bad-schema'));
    const client = await TestClient.start(root, { yamlExtension: EVERYTHING });
    try {
      const proxy = join(root, PROXY);
      await client.waitFor(() => client.diagnosticsOf(proxy).length > 0);
      assert.deepEqual(codesOf(client.diagnosticsOf(proxy)), ['schema', 'schema', 'schema'], 'a closed file keeps all its problems: the YAML extension does not see it');
      await client.open(proxy, readFileSync(proxy, 'utf8'));
      await client.waitFor(() => client.diagnosticsOf(proxy).length === 0);
      const service = join(root, SERVICE);
      await client.open(service, readFileSync(service, 'utf8'));
      await client.waitFor(() => !codesOf(client.diagnosticsOf(service)).includes('schema'));
      await client.close(proxy);
      await client.waitFor(() => client.diagnosticsOf(proxy).length === 3);
    } finally {
      await client.stop();
    }
  });

  it('keeps the problems only Kube Expose finds, and everything when the YAML extension is absent', async () => {
    const root = copyToTemp(join(FIXTURES, 'bad-yaml-syntax'));
    const routes = join(root, ROUTES);
    const alone = await TestClient.start(root);
    try {
      await alone.open(routes, readFileSync(routes, 'utf8'));
      await alone.waitFor(() => codesOf(alone.diagnosticsOf(routes)).includes('yaml-syntax'));
    } finally {
      await alone.stop();
    }
    const neighbour = await TestClient.start(root, { yamlExtension: EVERYTHING });
    try {
      const service = join(root, 'k8s/harbor/harbor-portal-service.yml');
      await neighbour.open(service, readFileSync(service, 'utf8'));
      await neighbour.open(routes, readFileSync(routes, 'utf8'));
      await neighbour.waitFor(() => neighbour.diagnosticsOf(service).length > 0 && !codesOf(neighbour.diagnosticsOf(routes)).includes('yaml-syntax'));
      assert.deepEqual(codesOf(neighbour.diagnosticsOf(service)), ['duplicate-nodeport']);
    } finally {
      await neighbour.stop();
    }
  });
});
