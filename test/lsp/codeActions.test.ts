import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { copyToTemp, EXAMPLE, FIXTURES } from '../helpers/paths';
import { TestClient } from '../helpers/lspClient';
import { runCli } from '../helpers/run';
import { applyEdits, type Edit } from '../helpers/text';

/** Asks for the fixes of every diagnostic of a file, through the server, as an editor does. */
async function fixesOf(client: TestClient, path: string): Promise<CodeAction[]> {
  await client.waitFor(() => client.diagnosticsOf(path).length > 0);
  const actions: CodeAction[] = [];
  for (const diagnostic of client.diagnosticsOf(path)) {
    actions.push(...(await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: client.uri(path) }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })));
  }
  return actions;
}

/** Writes an action's edits to disk, checking that nothing outside the edited ranges changed. */
function apply(action: CodeAction): string[] {
  const written: string[] = [];
  for (const change of action.edit?.documentChanges ?? []) {
    if (!('edits' in change)) continue;
    const path = URI.parse((change).textDocument.uri).fsPath;
    const before = readFileSync(path, 'utf8');
    const edits = (change).edits as Edit[];
    const after = applyEdits(before, edits);
    const first = Math.min(...edits.map((edit) => before.split('\n').slice(0, edit.range.start.line).join('\n').length));
    assert.equal(after.slice(0, first), before.slice(0, first), 'bytes before the edit stay');
    writeFileSync(path, after);
    written.push(path);
  }
  return written;
}

async function fixAndCheck(source: string, relative: string, pick: (action: CodeAction) => boolean): Promise<{ action: CodeAction; check: ReturnType<typeof runCli>; root: string }> {
  const root = copyToTemp(source);
  const client = await TestClient.start(root);
  try {
    const action = (await fixesOf(client, join(root, relative))).find(pick);
    assert.ok(action, 'the quick-fix is offered');
    apply(action);
    return { action, check: runCli(['check', '--format', 'json'], root), root };
  } finally {
    await client.stop();
  }
}

const diagnosticsOf = (check: ReturnType<typeof runCli>): unknown[] => (JSON.parse(check.stdout) as { diagnostics: unknown[] }).diagnostics;

describe('quick-fixes over LSP leave a clean workspace', () => {
  it('port-mismatch: "Set port to 30165" changes only the number', async () => {
    const { action, check, root } = await fixAndCheck(EXAMPLE, 'inventories/protobox/webservers_pool/routes.yml', (candidate) => candidate.title === 'Set port to 30165');
    assert.equal(action.isPreferred, true);
    assert.deepEqual(diagnosticsOf(check), []);
    assert.equal(readFileSync(join(root, 'inventories/protobox/webservers_pool/routes.yml'), 'utf8'), readFileSync(join(EXAMPLE, 'inventories/protobox/webservers_pool/routes.yml'), 'utf8').replace('30164', '30165'));
  });

  it('port-mismatch: replace the literal with the app variable', async () => {
    const { check, root } = await fixAndCheck(EXAMPLE, 'inventories/protobox/webservers_pool/routes.yml', (candidate) => candidate.title.startsWith('Replace with'));
    assert.deepEqual(diagnosticsOf(check), []);
    assert.match(readFileSync(join(root, 'inventories/protobox/webservers_pool/routes.yml'), 'utf8'), /port: "\{\{ app\.pgadmin4\.port \}\}"/);
  });

  it('missing-link: adds the HAProxy entry, then the Nginx route', async () => {
    const haproxy = await fixAndCheck(join(FIXTURES, 'bad-missing-link'), 'inventories/prod/webservers_pool/routes.yml', (candidate) => candidate.title.startsWith('Add the HAProxy entry argocd'));
    const remaining = diagnosticsOf(haproxy.check) as { file: string; code: string }[];
    assert.deepEqual(remaining.map((diagnostic) => `${diagnostic.file} ${diagnostic.code}`), ['inventories/prod/kube_gateway_pool/proxy.yml missing-link']);
    const nginx = await fixAndCheck(haproxy.root, 'inventories/prod/kube_gateway_pool/proxy.yml', (candidate) => candidate.title.startsWith('Add the Nginx route /keycloak/'));
    assert.deepEqual(diagnosticsOf(nginx.check), []);
    const proxy = readFileSync(join(nginx.root, 'inventories/prod/kube_gateway_pool/proxy.yml'), 'utf8');
    assert.ok(proxy.startsWith(readFileSync(join(FIXTURES, 'bad-missing-link/inventories/prod/kube_gateway_pool/proxy.yml'), 'utf8').trimEnd()), 'existing bytes stay');
  });

  it('duplicate-nodeport and nodeport-range: move to the next free nodePort', async () => {
    const duplicate = await fixAndCheck(join(FIXTURES, 'bad-duplicate-nodeport'), 'k8s/postgresql/pgadmin-copy-service.yml', (candidate) => candidate.title.startsWith('Move to the next free nodePort'));
    assert.deepEqual(diagnosticsOf(duplicate.check), []);
    const range = await fixAndCheck(join(FIXTURES, 'bad-nodeport-range'), 'k8s/postgresql/pgadmin-service.yml', (candidate) => candidate.title.startsWith('Move to the next free nodePort, 30000'));
    assert.deepEqual(diagnosticsOf(range.check), []);
  });
});
