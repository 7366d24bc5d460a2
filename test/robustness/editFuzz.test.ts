import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient';
import { copyToTemp, EXAMPLE, FIXTURES } from '../helpers/paths';
import { within } from '../helpers/timeout';

/** FUZZ_RUNS=5000 (npm run fuzz) makes it 100,000 edits; the default keeps npm test short. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);
const EDITS_PER_RUN = 20;

const FILES = [
  'inventories/protobox/webservers_pool/routes.yml',
  'inventories/protobox/kube_gateway_pool/proxy.yml',
  'inventories/protobox/group_vars/all/apps.yml',
  'inventories/protobox/hosts.yml',
  'k8s/postgresql/pgadmin-service.yml',
];

/** Text that YAML, Jinja and our rules care about, so that random edits reach interesting states. */
const PIECES = ['\n', '  ', ':', '- ', '"', "'", '{{ ', ' }}', '{%', '#', '30165', '30164', 'port', 'app.', 'stream_vadmin', 'kube_gateway_pool', '&a ', '*a', '[', ']', '{', '}', '\t', '\r\n', '---\n', '|', '>', '!!str ', '\u00e9', '\ud83d\ude00'];

const edit = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace', 'insert-line', 'delete-line', 'paste'),
  at: fc.nat(),
  length: fc.nat({ max: 40 }),
  text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 })),
  file: fc.nat(),
});

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

interface Change {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Moves an offset off the middle of a surrogate pair: a lone surrogate cannot cross JSON-RPC's UTF-8 intact,
 * so an editor never sends one.
 */
function whole(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  return code >= 0xdc00 && code <= 0xdfff && offset > 0 ? offset - 1 : offset;
}

/** Turns a generated edit into a change of `text` (offsets), pasting from other files for `paste`. */
function changeOf(text: string, generated: Edit, others: readonly string[]): Change {
  const change = rawChangeOf(text, generated, others);
  return { start: whole(text, change.start), end: whole(text, change.end), text: change.text };
}

function rawChangeOf(text: string, generated: Edit, others: readonly string[]): Change {
  const at = generated.at % (text.length + 1);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
  switch (generated.kind) {
    case 'insert':
      return { start: at, end: at, text: generated.text };
    case 'delete':
      return { start: at, end: Math.min(text.length, at + generated.length), text: '' };
    case 'replace':
      return { start: at, end: Math.min(text.length, at + generated.length), text: generated.text };
    case 'insert-line':
      return { start: lineStart, end: lineStart, text: `${generated.text}\n` };
    case 'delete-line':
      return { start: lineStart, end: lineEnd, text: '' };
    case 'paste': {
      const source = others[generated.file % others.length] ?? '';
      const from = whole(source, generated.at % (source.length + 1));
      return { start: at, end: at, text: source.slice(from, whole(source, Math.min(source.length, from + generated.length * 4))) };
    }
  }
}

describe('random edits through the server', () => {
  let client: TestClient;
  let root: string;
  const original = new Map<string, string>();
  let baseline: string;
  const snapshotDiagnostics = (): string => JSON.stringify([...client.diagnostics].filter(([, list]) => list.length).sort(([a], [b]) => a.localeCompare(b)));

  before(async () => {
    root = copyToTemp(EXAMPLE);
    client = await TestClient.start(root);
    for (const relative of FILES) {
      const text = readFileSync(join(root, relative), 'utf8');
      original.set(relative, text);
      await client.open(join(root, relative), text);
    }
    await within(client.request('workspace/symbol', { query: '' }), 1000, 'the first request');
    baseline = snapshotDiagnostics();
  });
  after(async () => client.stop());

  it(`never crashes, answers within 1 s, keeps ranges inside the document, and undoing restores the diagnostics (${RUNS} runs of ${EDITS_PER_RUN} edits)`, async () => {
    const others = [...original.values(), readFileSync(join(FIXTURES, 'clean-magic-vars/inventories/prod/kube_gateway_pool/proxy.yml'), 'utf8')];
    const result = await fc.check(
      fc.asyncProperty(fc.constantFrom(...FILES), fc.array(edit, { minLength: 1, maxLength: EDITS_PER_RUN }), async (relative, edits) => {
        const path = join(root, relative);
        let document = TextDocument.create(client.uri(path), 'yaml', 0, original.get(relative) ?? '');
        const undo: Change[] = [];
        for (const generated of edits) {
          const text = document.getText();
          const change = changeOf(text, generated, others);
          const range = { start: document.positionAt(change.start), end: document.positionAt(change.end) };
          // An offset between \r and \n has no position of its own: undo what the positions really cover.
          const start = document.offsetAt(range.start);
          const end = document.offsetAt(range.end);
          undo.push({ start, end: start + change.text.length, text: text.slice(start, end) });
          await client.change(path, [{ range, text: change.text }]);
          document = TextDocument.update(document, [{ range, text: change.text }], document.version + 1);
        }
        const position = document.positionAt(edits[0]?.at ?? 0);
        const params = { textDocument: { uri: client.uri(path) }, position };
        await within(client.request('textDocument/hover', params), 1000, 'hover');
        await within(client.request('textDocument/completion', params), 1000, 'completion');
        await within(client.request('textDocument/documentSymbol', { textDocument: params.textDocument }), 1000, 'documentSymbol');
        assertInside(client.diagnosticsOf(path), document);
        for (const change of undo.reverse()) {
          const range = { start: document.positionAt(change.start), end: document.positionAt(change.end) };
          await client.change(path, [{ range, text: change.text }]);
          document = TextDocument.update(document, [{ range, text: change.text }], document.version + 1);
        }
        assert.equal(document.getText(), original.get(relative));
        await within(client.request('textDocument/documentSymbol', { textDocument: params.textDocument }), 1000, 'documentSymbol after undo');
        assert.equal(snapshotDiagnostics(), baseline);
      }),
      { numRuns: RUNS, ...(process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']) } : {}) },
    );
    // fast-check's own report hides the assertion's message: put it first.
    if (result.failed) assert.fail(`${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}\n${fc.defaultReportMessage(result) ?? ''}`);
  });
});

function assertInside(diagnostics: readonly Diagnostic[], document: TextDocument): void {
  const lines = document.getText().split(/\r\n|\r|\n/);
  for (const diagnostic of diagnostics) {
    for (const position of [diagnostic.range.start, diagnostic.range.end]) {
      assert.ok(position.line >= 0 && position.line < lines.length, `line ${position.line} outside the document`);
      assert.ok(position.character >= 0 && position.character <= (lines[position.line]?.length ?? 0), `character ${position.character} outside line ${position.line}`);
    }
  }
}
