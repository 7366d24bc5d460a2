import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readSettings } from './core/settings';
import { withoutWhatYamlExtensionReports } from './core/features/yamlExtension';
import { discover } from './node/discover';
import { readIfPresent } from './node/readText';
import { readSettingsSource, SETTINGS_FILE } from './node/settingsFile';
import { settingNamesIn } from './core/settingsKeys';
import { ignoredWhenUntrusted, layeredSettings } from './core/settingsLayers';
import { isRecord } from './core/util';
import { join } from 'node:path';
import { parallelThreshold, prepareModels } from './node/parallelModels';
import type { FileDescriptor } from './core/workspace/prepare';
import type { Settings } from './core/settings';
import { toLspCodeAction, toLspCompletion, toLspDiagnostic, toLspDocumentSymbol, toLspEdit, toLspLocation, toLspSymbolKind } from './lsp/convert';
import { Folders, type Folder } from './lsp/folders';
import {
  EXPOSURES_CHANGED_NOTIFICATION,
  EXPOSURES_REQUEST,
  SCAFFOLD_COMMAND,
  SCAFFOLD_DEFAULTS_REQUEST,
  STATUS_NOTIFICATION,
  type ExposuresParams,
  type ExposuresResult,
  type ScaffoldDefaults,
  type StatusParams,
} from './lsp/protocol';
import { readScaffoldArguments } from './lsp/scaffoldArguments';
import { scaffold, ScaffoldError } from './core/edit/scaffold';
import { nextFreeNodePort } from './core/workspace/ports';
import { environmentName } from './core/workspace/classify';
import { pathOf, uriOf } from './lsp/uri';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const folders = new Folders();
let supportsConfiguration = false;
let supportsWatchedFiles = false;
let supportsFolderEvents = false;
declare const KUBE_EXPOSE_VERSION: string | undefined;
const VERSION = typeof KUBE_EXPOSE_VERSION === 'string' ? KUBE_EXPOSE_VERSION : 'dev';

/** The settings sent with `initialize`: all an editor without workspace/configuration ever sends. */
let initialSettings: unknown;
let indexing = false;
/**
 * Folders whose first index is committed. Before that, a file opened or edited is checked against a partial
 * workspace, where every link to a file not read yet looks missing: it shows only what it earns on its own.
 */
const indexed = new WeakSet<Folder>();
/** Paths shown with their own diagnostics only, to publish in full once their folder is indexed. */
const provisional = new Set<string>();
/** Paths whose editor text changed and is waiting to be re-checked. */
const pending = new Set<string>();
/** Paths just opened or saved: their diagnostics are sent even when unchanged, as editors expect. */
const announce = new Set<string>();
let flushScheduled: NodeJS.Immediate | undefined;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  supportsWatchedFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  supportsFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
  const roots = (params.workspaceFolders ?? []).map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined);
  if (roots.length === 0 && params.rootUri) {
    const root = pathOf(params.rootUri);
    if (root) roots.push(root);
  }
  initialSettings = params.initializationOptions;
  for (const root of roots) folders.add(root, readSettings(initialSettings));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      completionProvider: { triggerCharacters: ['.', ':', ' ', '/', '"'], resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      codeLensProvider: { resolveProvider: false },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      executeCommandProvider: { commands: [SCAFFOLD_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'kube-expose', version: VERSION },
  };
});

connection.onInitialized(() => {
  connection.console.info(`Kube Expose language server ${VERSION} started (Node ${process.version}, ${folders.all().length} workspace folder${folders.all().length === 1 ? '' : 's'})`);
  if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeExpose' });
  if (supportsWatchedFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yml,yaml,ini,json}' }, { globPattern: `**/${SETTINGS_FILE}` }, { globPattern: '**/hosts' }, { globPattern: '**/' }],
    });
  }
  if (supportsFolderEvents) watchWorkspaceFolders();
  void indexAll();
});

/** Reads every folder's files in slices, so requests are still answered and progress shows. */
async function indexAll(): Promise<void> {
  const started = Date.now();
  let threads = 0;
  const unreadable: string[] = [];
  indexing = true;
  sendStatus();
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin('Kube Expose: indexing', 0, 'discovering files', false);
  try {
    for (const folder of folders.all()) {
      const settings = await fetchSettings(folder.root);
      folder.workspace.setSettings(settings);
      const { files, skipped } = discover(folder.root, (path) => folder.workspace.wants(path), (path) => folder.workspace.isExcluded(path));
      for (const entry of skipped) connection.console.warn(`Skipped ${entry.path}: ${entry.reason}`);
      unreadable.push(...skipped.filter((entry) => entry.reason.includes('EACCES')).map((entry) => entry.path));
      if (files.length >= parallelThreshold()) threads = Math.max(threads, await indexInParallel(folder, files, settings, progress));
      else {
        for (let i = 0; i < files.length; i++) {
          const path = files[i] ?? '';
          const open = documents.get(uriOf(path));
          folder.workspace.stage(path, open ? { text: open.getText() } : readIfPresent(path, settings.maxFileSize));
          if (i % 200 === 199) {
            progress.report(Math.round((100 * (i + 1)) / files.length), `${i + 1}/${files.length} files`);
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
      }
      for (const document of documents.all()) {
        const path = pathOf(document.uri);
        if (path && folder.workspace.wants(path)) folder.workspace.stage(path, { text: document.getText() });
      }
      const committed = folder.workspace.commit();
      indexed.add(folder);
      const shownEarly = [...provisional].filter((path) => folders.of(path) === folder);
      for (const path of shownEarly) provisional.delete(path);
      publish(folder, [...new Set([...committed, ...shownEarly])]);
      for (const file of folder.workspace.allFiles()) if (file.problems.some((problem) => problem.message.includes('(EACCES)'))) unreadable.push(file.path);
    }
    reportUnreadable(unreadable);
  } finally {
    progress.done();
    indexing = false;
    sendStatus();
    connection.console.info(`Indexed ${totalFiles()} files in ${Date.now() - started} ms${threads ? ` (${threads} worker thread${threads === 1 ? '' : 's'})` : ''}`);
  }
}

/**
 * Builds the models of the files not open in the editor on worker threads; this thread stays free for requests
 * meanwhile. Staged afterwards in the order of `files`, as the sequential path does, taking the editor's text
 * for any file opened in the meantime.
 */
async function indexInParallel(folder: Folder, files: readonly string[], settings: Settings, progress: WorkDoneProgressReporter): Promise<number> {
  const descriptors = files.map((path) => (documents.get(uriOf(path)) ? undefined : folder.workspace.describe(path)));
  const wanted = descriptors.filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined);
  let reported = 0;
  let threads = 0;
  const fallbacks: string[] = [];
  let reason = '';
  const models = await prepareModels(wanted, settings, {
    onWorkers: (count) => (threads = count),
    onFallback: (path, why) => {
      fallbacks.push(path);
      reason = why;
    },
    onProgress: (done, total) => {
      if (done - reported < 200 && done < total) return;
      reported = done;
      progress.report(Math.round((100 * done) / total), `${done}/${total} files`);
    },
  });
  if (fallbacks.length) connection.console.warn(`${fallbacks.length} files were indexed without worker threads (${reason})`);
  let next = 0;
  for (const [index, path] of files.entries()) {
    const model = descriptors[index] ? models[next++] : undefined;
    const open = documents.get(uriOf(path));
    if (open) folder.workspace.stage(path, { text: open.getText() });
    else if (descriptors[index]) folder.workspace.stagePrepared(path, model);
    else folder.workspace.stage(path, readIfPresent(path, settings.maxFileSize));
  }
  return threads;
}

/** Files the server may not read are said once per indexing, in one message, not once per file. */
function reportUnreadable(paths: readonly string[]): void {
  if (paths.length === 0) return;
  connection.console.warn(`Cannot read (permission denied): ${paths.join(', ')}`);
  void connection.window.showWarningMessage(`Kube Expose cannot read ${paths.length} file${paths.length === 1 ? '' : 's or folders'} of the workspace (permission denied); see the Kube Expose output for the list.`);
}

/**
 * A folder's settings: the editor's, under what the repository's `.kube-expose.json` sets, so that the editor
 * reports what the command-line checker reports in CI.
 */
async function fetchSettings(root: string): Promise<Settings> {
  const editor: unknown = supportsConfiguration ? await connection.workspace.getConfiguration({ scopeUri: uriOf(root), section: 'kubeExpose' }) : initialSettings;
  const problems: string[] = [];
  readSettings(editor, problems);
  for (const problem of problems) connection.console.warn(`Setting kubeExpose.${problem}; using the default.`);
  const file = readSettingsSource(root);
  // The client says so; an editor that knows no workspace trust trusts the folders it opens.
  const trusted = !(isRecord(editor) && editor['workspaceTrusted'] === false);
  const fileProblems = [...file.problems];
  if (file.raw !== undefined) readSettings(file.raw, fileProblems);
  const ignored = trusted ? [] : ignoredWhenUntrusted(file.raw);
  if (ignored.length) fileProblems.push(`${SETTINGS_FILE}: ${ignored.join(', ')} ignored, as the workspace is not trusted`);
  reportSettingsFile(root, fileProblems);
  const layered = layeredSettings(editor, file.raw, trusted);
  return readSettings(layered, [], settingNamesIn(trusted ? file.raw : layeredSettings({}, file.raw, false)));
}

/** What was last said about each folder's `.kube-expose.json`: said again only when it changes. */
const settingsFileReports = new Map<string, string>();

function reportSettingsFile(root: string, problems: readonly string[]): void {
  const report = problems.map((problem) => (problem.startsWith(SETTINGS_FILE) ? problem : `${SETTINGS_FILE}: ${problem}`)).join('; ');
  if ((settingsFileReports.get(root) ?? '') === report) return;
  settingsFileReports.set(root, report);
  if (!report) return;
  connection.console.warn(`${root}: ${report}.`);
  void connection.window.showWarningMessage(`Kube Expose: ${report}.`);
}

/** Re-reads a folder's settings and re-checks what they change. */
async function refreshSettings(folder: Folder): Promise<void> {
  const changed = folder.workspace.setSettings(await fetchSettings(folder.root));
  // Open documents depend on settings that change no diagnostic of the index (kubeExpose.yamlExtension).
  const open = documents.all().flatMap((document) => {
    const path = pathOf(document.uri);
    return path && folders.of(path) === folder ? [path] : [];
  });
  publish(folder, [...new Set([...changed, ...open])]);
}

function publish(folder: Folder, paths: readonly string[]): void {
  for (const path of paths) {
    const uri = uriOf(path);
    const version = documents.get(uri)?.version;
    const document = documents.get(uri);
    const complete = indexed.has(folder);
    if (!complete) provisional.add(path);
    const all = complete ? folder.workspace.diagnostics(path) : folder.workspace.localDiagnostics(path);
    const shown = document?.languageId === 'yaml' ? withoutWhatYamlExtensionReports(all, folder.workspace.kindOf(path), folder.workspace.currentSettings().yamlExtension) : all;
    void connection.sendDiagnostics({ uri, diagnostics: shown.map(toLspDiagnostic), ...(version === undefined ? {} : { version }) });
  }
  if (paths.length || totalFiles() !== lastStatusFiles) sendStatus();
  const revision = folders.all().reduce((sum, candidate) => sum + candidate.workspace.revision, 0);
  if (revision !== lastRevision) {
    lastRevision = revision;
    void connection.sendNotification(EXPOSURES_CHANGED_NOTIFICATION);
  }
}

let lastRevision = -1;

let lastStatusFiles = -1;

function totalFiles(): number {
  return folders.all().reduce((count, folder) => count + folder.workspace.fileCount, 0);
}

function sendStatus(): void {
  let files = 0;
  let errors = 0;
  let warnings = 0;
  for (const folder of folders.all()) {
    files += folder.workspace.fileCount;
    const counts = folder.workspace.severityCounts();
    errors += counts.errors;
    warnings += counts.warnings;
  }
  lastStatusFiles = files;
  const params: StatusParams = { indexing, files, errors, warnings };
  void connection.sendNotification(STATUS_NOTIFICATION, params);
}

function schedule(uri: string, always = false): void {
  const path = pathOf(uri);
  if (!path || !folders.of(path)?.workspace.wants(path)) return;
  pending.add(path);
  if (always) announce.add(path);
  // After the messages already read (one burst of keystrokes makes one re-check), not after a delay: a re-check
  // costs a few milliseconds (only changed entries are read and linked again), so waiting would only add to it.
  flushScheduled ??= setImmediate(flush);
}

function flush(): void {
  flushScheduled = undefined;
  const touched = new Set<Folder>();
  for (const path of pending) {
    const folder = folders.of(path);
    const document = documents.get(uriOf(path));
    if (!folder) continue;
    // A file indexed by a worker has no parsed nodes: opening it parses them (without re-checking anything), so
    // that its first edit re-parses one entry, not the whole file.
    if (document !== undefined && announce.has(path)) folder.workspace.parseDocuments(path);
    folder.workspace.stage(path, document ? { text: document.getText() } : readIfPresent(path, folder.workspace.currentSettings().maxFileSize));
    touched.add(folder);
  }
  pending.clear();
  for (const folder of touched) {
    const changed = new Set(folder.workspace.commit());
    for (const path of announce) if (folders.of(path) === folder) changed.add(path);
    publish(folder, [...changed]);
  }
  announce.clear();
}

documents.onDidOpen((event) => schedule(event.document.uri, true));
documents.onDidChangeContent((event) => schedule(event.document.uri));
documents.onDidSave((event) => schedule(event.document.uri, true));
documents.onDidClose((event) => {
  // The editor's text is gone: what is on disk counts again (or nothing, for a file never saved).
  const path = pathOf(event.document.uri);
  const folder = path ? folders.of(path) : undefined;
  if (!path || !folder?.workspace.wants(path)) return;
  pending.delete(path);
  folder.workspace.stage(path, readIfPresent(path, folder.workspace.currentSettings().maxFileSize));
  // Once closed, the file shows again what was left to the YAML extension while it was open.
  publish(folder, [...new Set([...folder.workspace.commit(), path])]);
});

connection.onDidChangeWatchedFiles(async (params) => {
  const touched = new Set<Folder>();
  const reconfigured = new Set<Folder>();
  for (const change of params.changes) {
    const path = pathOf(change.uri);
    const folder = path ? folders.of(path) : undefined;
    if (!path || !folder || documents.get(change.uri)) continue;
    if (path === join(folder.root, SETTINGS_FILE)) {
      reconfigured.add(folder);
      continue;
    }
    if (change.type === FileChangeType.Deleted) {
      for (const file of [...folder.workspace.allFiles()]) if (file.path === path || file.path.startsWith(`${path}/`)) folder.workspace.stage(file.path, undefined);
    } else if (folder.workspace.wants(path)) {
      folder.workspace.stage(path, readIfPresent(path, folder.workspace.currentSettings().maxFileSize));
    } else if (change.type === FileChangeType.Created) {
      // A folder created (or moved in) brings its files with it.
      const { files } = discover(path, (candidate) => folder.workspace.wants(candidate), (candidate) => folder.workspace.isExcluded(candidate));
      for (const file of files) folder.workspace.stage(file, readIfPresent(file, folder.workspace.currentSettings().maxFileSize));
    }
    touched.add(folder);
  }
  for (const folder of touched) publish(folder, folder.workspace.commit());
  for (const folder of reconfigured) await refreshSettings(folder);
});

connection.onDidChangeConfiguration(async () => {
  for (const folder of folders.all()) await refreshSettings(folder);
});

function watchWorkspaceFolders(): void {
  connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
  for (const removed of event.removed) {
    const root = pathOf(removed.uri);
    const folder = root ? folders.remove(root) : undefined;
    if (folder) for (const path of folder.workspace.allDiagnostics().keys()) void connection.sendDiagnostics({ uri: uriOf(path), diagnostics: [] });
  }
  const added = event.added.map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined);
  for (const root of added) folders.add(root, await fetchSettings(root));
  if (added.length) await indexAll();
});
}

/** Answers a request with an LSP error instead of letting one handler's exception reach the process. */
function guarded<P, R>(name: string, handler: (params: P) => R): (params: P) => R | ResponseError<void> {
  return (params: P) => {
    try {
      return handler(params);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      connection.console.error(`${name} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
      return new ResponseError(ErrorCodes.InternalError, `Kube Expose: ${name} failed: ${message}`);
    }
  };
}

interface At {
  readonly folder: Folder;
  readonly path: string;
}

function at(uri: string): At | undefined {
  const path = pathOf(uri);
  const folder = path ? folders.of(path) : undefined;
  if (!path || !folder) return undefined;
  // A request may arrive before the scheduled re-check: bring the index up to date first.
  if (pending.has(path)) flush();
  return { folder, path };
}

const versionOf = (uri: string): number | null => documents.get(uri)?.version ?? null;

connection.onHover(
  guarded('hover', (params) => {
    const target = at(params.textDocument.uri);
    const result = target?.folder.service.hover(target.path, params.position);
    return result ? { contents: { kind: 'markdown' as const, value: result.markdown }, ...(result.range ? { range: result.range } : {}) } : null;
  }),
);

connection.onDefinition(
  guarded('definition', (params) => {
    const target = at(params.textDocument.uri);
    return target ? target.folder.service.definition(target.path, params.position).map(toLspLocation) : [];
  }),
);

connection.onReferences(
  guarded('references', (params) => {
    const target = at(params.textDocument.uri);
    return target ? target.folder.service.references(target.path, params.position, params.context.includeDeclaration).map(toLspLocation) : [];
  }),
);

connection.onPrepareRename(
  guarded('prepareRename', (params) => {
    const target = at(params.textDocument.uri);
    return target?.folder.service.prepareRename(target.path, params.position) ?? null;
  }),
);

connection.onRenameRequest(
  guarded('rename', (params) => {
    const target = at(params.textDocument.uri);
    if (!target) return null;
    try {
      const edit = target.folder.service.rename(target.path, params.position, params.newName);
      return edit ? toLspEdit(edit, versionOf) : null;
    } catch (error) {
      return new ResponseError(ErrorCodes.InvalidParams, error instanceof Error ? error.message : String(error));
    }
  }),
);

connection.onCompletion(
  guarded('completion', (params) => {
    const target = at(params.textDocument.uri);
    return target ? { isIncomplete: false, items: target.folder.service.completion(target.path, params.position).map(toLspCompletion) } : null;
  }),
);

connection.onCodeAction(
  guarded('codeAction', (params) => {
    const target = at(params.textDocument.uri);
    if (!target) return [];
    const diagnostics = target.folder.workspace.diagnostics(target.path);
    return target.folder.service.codeActions(target.path, params.range, diagnostics).map((entry) => {
      const lsp = entry.diagnostic ? toLspDiagnostic(entry.diagnostic) : undefined;
      return toLspCodeAction(entry, versionOf, lsp);
    });
  }),
);

connection.onCodeLens(
  guarded('codeLens', (params) => {
    const target = at(params.textDocument.uri);
    if (!target) return [];
    return target.folder.service.codeLenses(target.path).map((lens) => ({
      range: lens.range,
      command: lens.locations.length
        ? { title: lens.title, command: 'kubeExpose.showLocations', arguments: [params.textDocument.uri, lens.range.start, lens.locations.map(toLspLocation)] }
        : { title: lens.title, command: '' },
    }));
  }),
);

connection.onDocumentSymbol(
  guarded('documentSymbol', (params) => {
    const target = at(params.textDocument.uri);
    return target ? target.folder.service.documentSymbols(target.path).map(toLspDocumentSymbol) : [];
  }),
);

connection.onWorkspaceSymbol(
  guarded('workspaceSymbol', (params) =>
    folders.all().flatMap((folder) =>
      folder.service.workspaceSymbols(params.query).map((entry) => ({
        name: entry.name,
        kind: toLspSymbolKind(entry.kind),
        location: toLspLocation(entry.location),
        ...(entry.container ? { containerName: entry.container } : {}),
      })),
    ),
  ),
);

connection.onRequest(
  SCAFFOLD_DEFAULTS_REQUEST,
  guarded('scaffoldDefaults', (): ScaffoldDefaults => {
    const folder = folders.all()[0];
    const environments = folders.all().flatMap((candidate) => candidate.workspace.environmentNames().map((id) => ({ id, name: environmentName(id), folder: uriOf(candidate.root) })));
    const nodePort = folder ? nextFreeNodePort(folder.workspace) : undefined;
    return { environments, ...(nodePort === undefined ? {} : { nodePort }) };
  }),
);

connection.onRequest(
  EXPOSURES_REQUEST,
  guarded('exposures', (params: ExposuresParams): ExposuresResult => {
    flush();
    if (params.env === undefined) {
      return { environments: folders.all().flatMap((folder) => folder.service.exposureEnvironments().map((environment) => ({ ...environment, folder: uriOf(folder.root) }))) };
    }
    const folderPath = params.folder ? pathOf(params.folder) : undefined;
    const folder = folderPath ? folders.all().find((candidate) => candidate.root === folderPath) : folders.all()[0];
    if (!folder) return params.app === undefined ? { apps: [] } : { hops: [] };
    if (params.app === undefined) return { apps: folder.service.exposureApps(params.env).map((app) => ({ ...app, folder: uriOf(folder.root) })) };
    return { hops: folder.service.exposureHops(params.env, params.app).map(({ location, ...hop }) => ({ ...hop, uri: uriOf(location.file), range: location.range })) };
  }),
);

/** Exposes a new app: computes the edit in the core, then asks the editor to apply it as one undoable edit. */
connection.onExecuteCommand(async (params) => {
  if (params.command !== SCAFFOLD_COMMAND) return new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${params.command}`);
  const input = readScaffoldArguments(params.arguments?.[0]);
  if (typeof input === 'string') return new ResponseError(ErrorCodes.InvalidParams, input);
  const folderPath = input.folder ? pathOf(input.folder) : undefined;
  const folder = (folderPath ? folders.of(folderPath) : undefined) ?? folders.all().find((candidate) => candidate.workspace.environmentNames().some((id) => id === input.options.env || environmentName(id) === input.options.env));
  if (!folder) return new ResponseError(ErrorCodes.InvalidParams, `No workspace folder has an environment ${input.options.env}.`);
  flush();
  try {
    const result = scaffold(folder.workspace, { servicePath: folder.workspace.currentSettings().scaffoldServicePath, ...input.options });
    const edit = toLspEdit(result.edit, versionOf);
    if (input.dryRun) return { applied: false, edit, service: uriOf(result.servicePath), nodePort: result.nodePort };
    const applied = await connection.workspace.applyEdit({ label: `Expose ${input.options.app}`, edit });
    return { applied: applied.applied, service: uriOf(result.servicePath), nodePort: result.nodePort, ...(applied.failureReason ? { failureReason: applied.failureReason } : {}) };
  } catch (error) {
    if (error instanceof ScaffoldError) return new ResponseError(ErrorCodes.InvalidParams, error.message);
    connection.console.error(`scaffold failed: ${error instanceof Error && error.stack ? error.stack : String(error)}`);
    return new ResponseError(ErrorCodes.InternalError, `Kube Expose: scaffold failed: ${error instanceof Error ? error.message : String(error)}`);
  }
});

documents.listen(connection);
connection.listen();
