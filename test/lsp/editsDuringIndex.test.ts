import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generatedRepository } from '../helpers/generated';
import { TestClient } from '../helpers/lspClient';

const indexed = (client: TestClient): boolean =>
  client.notifications.some((note) => note.method === 'kubeExpose/status' && (note.params as { indexing: boolean }).indexing === false);

const routesFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? routesFiles(join(dir, name)) : name === 'routes.yml' ? [join(dir, name)] : []));

/** Every file's diagnostics, files without any left out (a server may or may not publish an empty list). */
const shown = (client: TestClient): Record<string, unknown> =>
  Object.fromEntries([...client.diagnostics].filter(([, diagnostics]) => diagnostics.length > 0).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * The cold index checks a large environment in steps and serves the editor between them: a routes.yml edited
 * from the moment the window opens is re-published at each keystroke, with that keystroke's version, and once the
 * index is done every file shows what a quiet index of the same text shows.
 */
describe('edits while the workspace is being indexed', () => {
  it('are each published with their version, and the index ends as a quiet one of the final text', async () => {
    const workspace = generatedRepository({ envs: 3, apps: 800 });
    const path = routesFiles(workspace).sort((a, b) => statSync(b).size - statSync(a).size)[0] ?? '';
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    // A stream port no planted mistake is on: each keystroke makes or mends a port mismatch, so each is published.
    const mistakes = (JSON.parse(readFileSync(join(workspace, 'EXPECTED.json'), 'utf8')) as { mistakes: { file: string; line: number }[] }).mistakes;
    const planted = new Set(mistakes.filter((mistake) => join(workspace, mistake.file) === path).map((mistake) => mistake.line - 1));
    const line = lines.findIndex((candidate, index) => index > lines.length / 2 && !planted.has(index) && /^\s+port: \d+\s*$/.test(candidate) && /^\s+name: stream_/.test(lines[index - 1] ?? ''));
    const character = (lines[line] ?? '').trimEnd().length - 1;
    const digit = Number((lines[line] ?? '').trimEnd().at(-1));
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const early = await TestClient.start(workspace, {}, false, held);
    let finalText = text;
    let edits = 0;
    try {
      await early.open(path, text);
      await early.waitFor(() => early.publishedVersions.has(path), 60_000);
      // The file is open when the index begins, as when an editor restores it with the window.
      release();
      const type = async (version: number): Promise<void> => {
        const typed = String(version % 2 === 0 ? (digit + 1) % 10 : digit);
        await early.change(path, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: typed }]);
        lines[line] = `${(lines[line] ?? '').slice(0, character)}${typed}${(lines[line] ?? '').slice(character + 1)}`;
        finalText = lines.join('\n');
      };
      let version = 2;
      for (; !indexed(early); version++) {
        await type(version);
        // Once the index is done, a keystroke that changes nothing the file shows is not published again.
        await early.waitFor(() => early.publishedVersions.get(path) === version || indexed(early), 60_000);
        if (early.publishedVersions.get(path) === version) edits++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // A request brings the index up to date with the editor's text before it is answered (see Requests).
      await early.request('textDocument/documentSymbol', { textDocument: { uri: early.uri(path) } });
      assert.ok(edits > 0, 'some edits were made while indexing');
      const reference = await TestClient.start(workspace);
      try {
        await reference.waitFor(() => indexed(reference), 60_000);
        const opened = reference.notifications.length;
        await reference.open(path, finalText);
        await reference.waitFor(() => reference.publishedVersions.get(path) === 1 && reference.notifications.length > opened, 60_000);
        // What the early server published last for each file, its index done, against the quiet one's.
        await early.waitFor(() => early.diagnostics.size > 0);
        assert.deepEqual(shown(early), shown(reference));
      } finally {
        await reference.stop();
      }
    } finally {
      release();
      await early.stop();
    }
  });
});
