import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { readSettings } from '../../server/src/core/settings';
import { Folders } from '../../server/src/lsp/folders';
import { Indexer, type Progress } from '../../server/src/lsp/indexer';
import type { OpenDocument, OpenDocuments, Outbox } from '../../server/src/lsp/outbox';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';
import { Publisher } from '../../server/src/lsp/publisher';
import { Requests } from '../../server/src/lsp/requests';
import { Scheduler } from '../../server/src/lsp/scheduler';
import { SettingsFetch } from '../../server/src/lsp/settingsFetch';
import { uriOf } from '../../server/src/lsp/uri';
import { copyToTemp, FIXTURES } from '../helpers/paths';

const ROUTES = 'inventories/prod/webservers_pool/routes.yml';

/** Records what the server modules say, in place of the connection. */
class RecordingOutbox implements Outbox {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly warnings: string[] = [];
  readonly shown: string[] = [];
  diagnostics(params: PublishDiagnosticsParams): void {
    this.published.push(params);
  }
  notify(method: string, params?: unknown): void {
    this.notifications.push({ method, params });
  }
  info(): void {}
  warn(message: string): void {
    this.warnings.push(message);
  }
  error(message: string): void {
    this.warnings.push(message);
  }
  warnUser(message: string): void {
    this.shown.push(message);
  }
  last(path: string): PublishDiagnosticsParams | undefined {
    return this.published.filter((params) => params.uri === uriOf(path)).pop();
  }
}

class Editor implements OpenDocuments {
  private readonly open = new Map<string, OpenDocument>();
  get(uri: string): OpenDocument | undefined {
    return this.open.get(uri);
  }
  all(): readonly OpenDocument[] {
    return [...this.open.values()];
  }
  set(path: string, text: string, version: number): void {
    this.open.set(uriOf(path), { uri: uriOf(path), version, languageId: 'ansible', getText: () => text });
  }
  close(path: string): void {
    this.open.delete(uriOf(path));
  }
}

const NO_PROGRESS: Progress = { begin: () => {}, report: () => {}, done: () => {} };

function server(root: string, editorSettings: unknown = {}) {
  const outbox = new RecordingOutbox();
  const editor = new Editor();
  const folders = new Folders();
  const folder = folders.add(root, readSettings(editorSettings));
  const publisher = new Publisher(folders, editor, outbox);
  const scheduler = new Scheduler(folders, editor, publisher);
  const settings = new SettingsFetch(() => Promise.resolve(editorSettings), outbox);
  const indexer = new Indexer(folders, editor, publisher, settings, outbox, () => Promise.resolve(NO_PROGRESS));
  return { outbox, editor, folder, publisher, scheduler, indexer, requests: new Requests(folders, editor, scheduler) };
}

const codes = (params: PublishDiagnosticsParams | undefined): string[] => (params?.diagnostics ?? []).map((diagnostic) => String(diagnostic.code));

describe('server modules', () => {
  it('indexer publishes every file with problems once the folder is indexed, and says it is indexing', async () => {
    const root = copyToTemp(join(FIXTURES, 'bad-port-mismatch'));
    const { outbox, indexer } = server(root);
    await indexer.indexAll();
    assert.deepEqual(codes(outbox.last(join(root, ROUTES))), ['port-mismatch']);
    const statuses = outbox.notifications.filter((entry) => entry.method === STATUS_NOTIFICATION).map((entry) => entry.params as StatusParams);
    assert.equal(statuses[0]?.indexing, true);
    assert.equal(statuses.at(-1)?.indexing, false);
    assert.ok((statuses.at(-1)?.errors ?? 0) >= 2);
  });

  it('publisher shows a file edited before the index its own problems only, then in full', async () => {
    const root = copyToTemp(join(FIXTURES, 'bad-port-mismatch'));
    const { outbox, editor, scheduler, indexer } = server(root);
    const path = join(root, ROUTES);
    editor.set(path, readFileSync(path, 'utf8'), 1);
    scheduler.schedule(uriOf(path), true);
    scheduler.flush();
    // Alone, the routes file has no cross-file problem to show.
    assert.deepEqual(codes(outbox.last(path)), []);
    assert.equal(outbox.last(path)?.version, 1);
    await indexer.indexAll();
    assert.deepEqual(codes(outbox.last(path)), ['port-mismatch']);
  });

  it('scheduler re-checks a burst of edits once, and a request flushes what is pending first', async () => {
    const root = copyToTemp(join(FIXTURES, 'bad-port-mismatch'));
    const { outbox, editor, scheduler, indexer, requests } = server(root);
    await indexer.indexAll();
    const path = join(root, ROUTES);
    const fixed = readFileSync(path, 'utf8').replace('port: 30164', 'port: 30165');
    editor.set(path, fixed.replace('30165', '3016'), 2);
    scheduler.schedule(uriOf(path));
    editor.set(path, fixed, 3);
    scheduler.schedule(uriOf(path));
    const before = outbox.published.length;
    assert.ok(scheduler.isPending(path));
    const line = fixed.split('\n').findIndex((text) => text.includes('port: 30165'));
    const hover = requests.hover({ textDocument: { uri: uriOf(path) }, position: { line, character: 11 } });
    assert.ok(!scheduler.isPending(path));
    assert.ok(hover && JSON.stringify(hover).includes('30165'));
    assert.deepEqual(codes(outbox.last(path)), []);
    assert.equal(outbox.last(path)?.version, 3);
    // One re-check for both keystrokes: the routes file and the hops it fixed, each once.
    const paths = outbox.published.slice(before).map((params) => params.uri);
    assert.equal(paths.length, new Set(paths).size);
  });

  it('scheduler reads a file again from disk when the editor closes it, and hears of changes on disk', async () => {
    const root = copyToTemp(join(FIXTURES, 'bad-port-mismatch'));
    const { outbox, editor, scheduler, indexer } = server(root);
    await indexer.indexAll();
    const path = join(root, ROUTES);
    const text = readFileSync(path, 'utf8');
    editor.set(path, text.replace('port: 30164', 'port: 30165'), 1);
    scheduler.schedule(uriOf(path), true);
    scheduler.flush();
    assert.deepEqual(codes(outbox.last(path)), []);
    editor.close(path);
    scheduler.closed(uriOf(path));
    assert.deepEqual(codes(outbox.last(path)), ['port-mismatch']);
    writeFileSync(path, text.replace('port: 30164', 'port: 30165'));
    scheduler.watchedFilesChanged([{ uri: uriOf(path), type: FileChangeType.Changed }]);
    assert.deepEqual(codes(outbox.last(path)), []);
  });

  it('settings fetch says a broken .kube-expose.json once, and a settings file change asks for a refresh', async () => {
    const root = copyToTemp(join(FIXTURES, 'bad-port-mismatch'));
    writeFileSync(join(root, '.kube-expose.json'), '{ "nodePortRange": ');
    const { outbox, scheduler, indexer, folder } = server(root);
    await indexer.indexAll();
    await indexer.refreshSettings(folder);
    assert.equal(outbox.shown.length, 1);
    assert.match(outbox.shown[0] ?? '', /\.kube-expose\.json/);
    const reconfigured = scheduler.watchedFilesChanged([{ uri: uriOf(join(root, '.kube-expose.json')), type: FileChangeType.Changed }]);
    assert.deepEqual([...reconfigured], [folder]);
  });
});
