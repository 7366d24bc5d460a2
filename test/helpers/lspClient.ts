import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createMessageConnection, ProgressType, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits, type Edit } from './text';
import { URI } from 'vscode-uri';
import { SERVER, tempDir } from './paths';

/**
 * The repository may sit in a folder only root can enter (a `mktemp -d` clone): an unprivileged user runs a copy
 * of the bundle, which needs nothing beside it.
 */
function reachableCopy(bundle: string): string {
  const folder = tempDir();
  chmodSync(folder, 0o755);
  const copy = join(folder, basename(bundle));
  copyFileSync(bundle, copy);
  return copy;
}

/** A minimal editor: spawns the bundled server over stdio and speaks JSON-RPC to it. */
export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** The document version the last diagnostics of each path were published for. */
  readonly publishedVersions = new Map<string, number | undefined>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  private readonly waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  settings: Record<string, unknown> = {};

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    readonly root: string,
  ) {}

  /**
   * `asUser` runs the server as an unprivileged user (through setpriv), to test permissions as root.
   * `holdIndexing` keeps the server's first indexing from reading any file until it resolves (the editor is
   * slow to answer the progress request that indexing starts with); `start` then returns at once.
   */
  static async start(root: string, settings: Record<string, unknown> = {}, asUser = false, holdIndexing?: Promise<void>, initializationOptions?: Record<string, unknown>): Promise<TestClient> {
    const child = asUser
      ? spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, reachableCopy(SERVER), '--stdio'], { stdio: 'pipe' })
      : spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(child, connection, root);
    client.settings = settings;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.diagnostics.set(URI.parse(params.uri).fsPath, params.diagnostics);
      client.publishedVersions.set(URI.parse(params.uri).fsPath, params.version);
      client.wake();
    });
    connection.onNotification((method: string, params: unknown) => {
      client.notifications.push({ method, params });
      client.wake();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => client.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/showMessageRequest', (params: unknown) => {
      client.notifications.push({ method: 'window/showMessage', params });
      client.wake();
      return null;
    });
    // As an editor would: the server's edits land in the files (here, on disk).
    connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      client.appliedEdits.push(params.edit);
      applyWorkspaceEdit(params.edit);
      return { applied: true };
    });
    connection.onRequest('window/workDoneProgress/create', async (params: { token: string | number }) => {
      await holdIndexing;
      // vscode-jsonrpc routes `$/progress` to per-token handlers, not to the catch-all notification handler.
      connection.onProgress(new ProgressType<unknown>(), params.token, (value: unknown) => {
        client.notifications.push({ method: '$/progress', params: value });
        client.wake();
      });
      return null;
    });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      workspaceFolders: [{ uri: URI.file(root).toString(), name: 'test' }],
      ...(initializationOptions ? { initializationOptions } : {}),
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
    });
    await connection.sendNotification('initialized', {});
    if (holdIndexing) return client;
    await client.waitFor(() => client.notifications.some((note) => note.method === 'kubeExpose/status' && (note.params as { indexing: boolean }).indexing === false));
    return client;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves once `condition` holds, re-testing on every message from the server. */
  async waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for the server');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  diagnosticsOf(path: string): Diagnostic[] {
    return this.diagnostics.get(path) ?? [];
  }

  uri(path: string): string {
    return URI.file(path).toString();
  }

  async open(path: string, text: string): Promise<void> {
    this.versions.set(path, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(path), languageId: 'yaml', version: 1, text } });
  }

  async change(path: string, changes: unknown[]): Promise<void> {
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(path), version }, contentChanges: changes });
  }

  async close(path: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(path) } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; killing it below is enough.
    }
    this.connection.dispose();
    this.process.kill();
  }
}

/** Writes a WorkspaceEdit's file creations and text edits to disk. */
export function applyWorkspaceEdit(edit: WorkspaceEdit): string[] {
  const touched: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`unexpected ${change.kind}`);
      const path = URI.parse(change.uri).fsPath;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, '', { flag: 'wx' });
      continue;
    }
    const path = URI.parse(change.textDocument.uri).fsPath;
    writeFileSync(path, applyEdits(readFileSync(path, 'utf8'), change.edits as Edit[]));
    touched.push(path);
  }
  return touched;
}
