import { TextDocumentSyncKind, type InitializeParams, type ServerCapabilities } from 'vscode-languageserver/node';
import { SETTINGS_FILE } from '../node/settingsFile';
import { SCAFFOLD_COMMAND } from './protocol';
import { pathOf } from './uri';

export const CAPABILITIES: ServerCapabilities = {
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
};

/** Files whose change on disk the server hears of: YAML, INI inventories, the settings file, and folders. */
export const WATCHERS = [{ globPattern: '**/*.{yml,yaml,ini,json}' }, { globPattern: `**/${SETTINGS_FILE}` }, { globPattern: '**/hosts' }, { globPattern: '**/ansible.cfg' }, { globPattern: '**/{group_vars,host_vars}/**' }, { globPattern: '**/' }];

/** What the server may ask of the client. */
export interface ClientSupport {
  readonly configuration: boolean;
  readonly watchedFiles: boolean;
  readonly folderEvents: boolean;
}

export function clientSupport(params: InitializeParams): ClientSupport {
  return {
    configuration: params.capabilities.workspace?.configuration === true,
    watchedFiles: params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    folderEvents: params.capabilities.workspace?.workspaceFolders === true,
  };
}

/** The workspace folders the client opened, or its root for a client without folders. */
export function rootsOf(params: InitializeParams): string[] {
  const roots = (params.workspaceFolders ?? []).map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined);
  if (roots.length === 0 && params.rootUri) {
    const root = pathOf(params.rootUri);
    if (root) roots.push(root);
  }
  return roots;
}
