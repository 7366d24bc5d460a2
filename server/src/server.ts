import { createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocuments, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readSettings } from './core/settings';
import { isRecord } from './core/util';
import { CAPABILITIES, clientSupport, rootsOf, WATCHERS, type ClientSupport } from './lsp/capabilities';
import { Folders } from './lsp/folders';
import { guarded } from './lsp/guarded';
import { Indexer } from './lsp/indexer';
import { connectionOutbox } from './lsp/outbox';
import { EXPOSURES_REQUEST, MEMORY_REQUEST, SCAFFOLD_DEFAULTS_REQUEST, type ExposuresParams } from './lsp/protocol';
import { Publisher } from './lsp/publisher';
import { Requests } from './lsp/requests';
import { executeScaffold } from './lsp/scaffoldCommand';
import { Scheduler } from './lsp/scheduler';
import { SettingsFetch } from './lsp/settingsFetch';
import { pathOf, uriOf } from './lsp/uri';
import { memoryUsage } from './node/memoryUsage';

// The binding table of the language server: each LSP message goes to the module that answers it.

declare const KUBE_EXPOSE_VERSION: string | undefined;
const VERSION = typeof KUBE_EXPOSE_VERSION === 'string' ? KUBE_EXPOSE_VERSION : 'dev';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const folders = new Folders();
const outbox = connectionOutbox(connection);
let support: ClientSupport = { configuration: false, watchedFiles: false, folderEvents: false };
/** The settings sent with `initialize`: all an editor without workspace/configuration ever sends. */
let initialSettings: unknown;

const settings = new SettingsFetch(
  async (root) => (support.configuration ? ((await connection.workspace.getConfiguration({ scopeUri: uriOf(root), section: 'kubeExpose' })) as unknown) : initialSettings),
  outbox,
);
const publisher = new Publisher(folders, documents, outbox);
const scheduler = new Scheduler(folders, documents, publisher);
const indexer = new Indexer(folders, documents, publisher, settings, outbox, () => connection.window.createWorkDoneProgress(), () => scheduler.hasWork());
const requests = new Requests(folders, documents, scheduler);

connection.onInitialize((params): InitializeResult => {
  support = clientSupport(params);
  initialSettings = params.initializationOptions;
  const cacheFolder: unknown = isRecord(initialSettings) ? initialSettings['cacheFolder'] : undefined;
  indexer.useCache(typeof cacheFolder === 'string' && cacheFolder ? cacheFolder : undefined, VERSION);
  for (const root of rootsOf(params)) folders.add(root, readSettings(initialSettings));
  return { capabilities: CAPABILITIES, serverInfo: { name: 'kube-expose', version: VERSION } };
});

connection.onInitialized(() => {
  const count = folders.all().length;
  outbox.info(`Kube Expose language server ${VERSION} started (Node ${process.version}, ${count} workspace folder${count === 1 ? '' : 's'})`);
  if (support.configuration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeExpose' });
  if (support.watchedFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHERS });
  if (support.folderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
      for (const removed of event.removed) {
        const root = pathOf(removed.uri);
        const folder = root ? folders.remove(root) : undefined;
        if (folder) publisher.forget(folder);
      }
      const added = event.added.map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined);
      for (const root of added) folders.add(root, await settings.fetch(root));
      if (added.length) await indexer.indexAll();
    });
  }
  void indexer.indexAll();
});

documents.onDidOpen((event) => scheduler.schedule(event.document.uri, true));
documents.onDidChangeContent((event) => scheduler.schedule(event.document.uri));
documents.onDidSave((event) => scheduler.schedule(event.document.uri, true));
documents.onDidClose((event) => scheduler.closed(event.document.uri));

connection.onDidChangeWatchedFiles(async (params) => {
  for (const folder of scheduler.watchedFilesChanged(params.changes)) await indexer.refreshSettings(folder);
});
connection.onDidChangeConfiguration(async () => {
  for (const folder of folders.all()) await indexer.refreshSettings(folder);
});

const log = (message: string): void => outbox.error(message);
connection.onHover(guarded(log, 'hover', (params) => requests.hover(params)));
connection.onDefinition(guarded(log, 'definition', (params) => requests.definition(params)));
connection.onReferences(guarded(log, 'references', (params) => requests.references(params)));
connection.onPrepareRename(guarded(log, 'prepareRename', (params) => requests.prepareRename(params)));
connection.onRenameRequest(guarded(log, 'rename', (params) => requests.rename(params)));
connection.onCompletion(guarded(log, 'completion', (params) => requests.completion(params)));
connection.onCodeAction(guarded(log, 'codeAction', (params) => requests.codeAction(params)));
connection.onCodeLens(guarded(log, 'codeLens', (params) => requests.codeLens(params)));
connection.onDocumentSymbol(guarded(log, 'documentSymbol', (params) => requests.documentSymbol(params)));
connection.onWorkspaceSymbol(guarded(log, 'workspaceSymbol', (params) => requests.workspaceSymbol(params)));
connection.onRequest(SCAFFOLD_DEFAULTS_REQUEST, guarded(log, 'scaffoldDefaults', () => requests.scaffoldDefaults()));
connection.onRequest(EXPOSURES_REQUEST, guarded(log, 'exposures', (params: ExposuresParams) => requests.exposures(params)));
connection.onRequest(MEMORY_REQUEST, guarded(log, 'memoryUsage', memoryUsage));
connection.onExecuteCommand((params) =>
  executeScaffold(params, { folders, documents, scheduler, outbox, applyEdit: (edit) => connection.workspace.applyEdit(edit) }),
);

documents.listen(connection);
connection.listen();
