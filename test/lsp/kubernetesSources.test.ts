import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { copyToTemp, FIXTURES } from '../helpers/paths';
import { applyWorkspaceEdit, TestClient } from '../helpers/lspClient';
import { runCli } from '../helpers/run';
import { positionOf } from '../helpers/text';

const VALUES_PROD = 'charts/argocd/values-prod.yaml';
const TEMPLATE = 'charts/argocd/templates/service.yaml';
const ROUTES = 'inventories/prod/webservers_pool/routes.yml';

describe('Helm chart Services over stdio', () => {
  let root: string;
  let client: TestClient;
  const path = (relative: string): string => join(root, relative);
  const text = (relative: string): string => readFileSync(path(relative), 'utf8');
  const at = (relative: string, needle: string, shift = 0, index = 0) => ({ textDocument: { uri: client.uri(path(relative)) }, position: positionOf(text(relative), needle, shift, index) });
  const relativeOf = (location: Location): string => URI.parse(location.uri).fsPath.slice(root.length + 1);
  const hoverText = async (relative: string, needle: string, shift = 0): Promise<string> => ((await client.request<Hover>('textDocument/hover', at(relative, needle, shift))).contents as { value: string }).value;

  before(async () => {
    root = copyToTemp(join(FIXTURES, 'bad-helm-values-mismatch'));
    client = await TestClient.start(root);
  });
  after(async () => client.stop());

  it('reports the mismatch on the values file line, and nothing on the template', async () => {
    await client.waitFor(() => client.diagnosticsOf(path(VALUES_PROD)).length > 0);
    const diagnostics = client.diagnosticsOf(path(VALUES_PROD));
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start]), [['port-mismatch', positionOf(text(VALUES_PROD), '30175')]]);
    assert.deepEqual(client.diagnosticsOf(path(TEMPLATE)), []);
  });

  it('hover on the values file shows the chain with the values line and the template line', async () => {
    const value = await hoverText(VALUES_PROD, '30175', 1);
    assert.match(value, /Service argocd-server nodePort: \*\*30175\*\* — charts\/argocd\/values-prod\.yaml:3 -> charts\/argocd\/templates\/service\.yaml:15/);
    const fromTemplate = await hoverText(TEMPLATE, '.nodePort', 2);
    assert.equal(fromTemplate, value);
  });

  it('definition from the stream port jumps to both the values file and the template', async () => {
    const locations = await client.request<Location[]>('textDocument/definition', at(ROUTES, '30170', 1));
    const places = locations.map((location) => [relativeOf(location), location.range.start.line]);
    assert.ok(places.some(([file, line]) => file === VALUES_PROD && line === 2), JSON.stringify(places));
    assert.ok(places.some(([file, line]) => file === TEMPLATE && line === 14), JSON.stringify(places));
  });

  it('the port-mismatch quick-fix edits the values file, never the template, and the chart is then clean', async () => {
    const diagnostic = client.diagnosticsOf(path(VALUES_PROD))[0];
    assert.ok(diagnostic);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: client.uri(path(VALUES_PROD)) }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const fix = actions.find((action) => action.edit && /30170/.test(action.title));
    assert.ok(fix?.edit, JSON.stringify(actions.map((action) => action.title)));
    const template = text(TEMPLATE);
    const written = applyWorkspaceEdit(fix.edit).map((file) => file.slice(root.length + 1));
    assert.deepEqual(written, [VALUES_PROD]);
    assert.equal(text(VALUES_PROD), '# Production moved the UI to another node port, but the inventory was not updated.\nservice:\n  nodePort: 30170\n');
    assert.equal(text(TEMPLATE), template);
    const check = runCli(['check', '--format', 'json'], root);
    assert.deepEqual((JSON.parse(check.stdout) as { diagnostics: unknown[] }).diagnostics, []);
  });
});

describe('Helm templates that cannot be read, and kubectl List output, over stdio', () => {
  let root: string;
  let client: TestClient;
  const path = (relative: string): string => join(root, relative);
  const text = (relative: string): string => readFileSync(path(relative), 'utf8');

  before(async () => {
    root = copyToTemp(FIXTURES);
    client = await TestClient.start(join(root, 'clean-helm-chart'));
  });
  after(async () => client.stop());

  it('hover on a nodePort inside a range loop says why it is not read', async () => {
    const relative = 'clean-helm-chart/charts/argo/templates/services.yaml';
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(path(relative)) }, position: positionOf(text(relative), 'nodePort: {{ . }}', 12) });
    assert.match((hover.contents as { value: string }).value, /Not read: the value is read inside a \{\{ range \}\} loop/);
  });

  it('outline lists every Service of a kind: List, each with its own range', async () => {
    const second = await TestClient.start(join(root, 'bad-list-duplicate-nodeport'));
    try {
      const relative = 'bad-list-duplicate-nodeport/k8s/services.yaml';
      const symbols = await second.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: second.uri(path(relative)) } });
      assert.deepEqual(symbols.map((symbol) => [symbol.name, symbol.range.start.line]), [['shop/shop-frontend', 5], ['shop/shop-admin', 18], ['shop/shop-cache', 31], ['shop/shop-db', 43]]);
      const hover = await second.request<Hover>('textDocument/hover', { textDocument: { uri: second.uri(path(relative)) }, position: positionOf(text(relative), 'targetPort', 2) });
      assert.match((hover.contents as { value: string }).value, /Number or name of the port to access on the pods/);
    } finally {
      await second.stop();
    }
  });
});
