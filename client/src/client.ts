import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SECTION, initializationOptions, withEditorContext } from './config';
import { serverExecArgv } from './serverMemory';

/** YAML files, and the INI inventories (`hosts`, `*.ini`) that name the groups. */
export const SELECTOR: DocumentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', pattern: '**/hosts' },
  { scheme: 'file', pattern: '**/*.ini' },
];

/**
 * The language client for the bundled server (dist/server.js), over IPC.
 *
 * No error handler is given on purpose: vscode-languageclient's default one restarts a crashed server up to
 * 4 times within 3 minutes, then gives up and says so (the status bar then offers a restart).
 */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, maxMemoryMB: number): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const execArgv = serverExecArgv(maxMemoryMB);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv } },
    // "Attach to Node Process" on port 6010 debugs the server started by an Extension Development Host.
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    synchronize: { configurationSection: SECTION },
    initializationOptions: initializationOptions(),
    // The server's stderr reaches this channel: that is where V8 says it aborted for lack of memory.
    outputChannel: output,
    // vscode-languageclient 10+ writes the trace at the channel's Trace log level: `kubeExpose.trace.server`
    // picks messages or verbose once the Kube Expose output is set to Trace (Developer: Set Log Level...).
    traceOutputChannel: output,
    middleware: {
      workspace: {
        // The server asks for `kubeExpose` per folder; the answer also says what the YAML extension reports.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((settings: unknown, index) => {
            const item = params.items[index];
            return item?.section === SECTION ? withEditorContext(settings, item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : settings;
          });
        },
      },
    },
  };
  return new LanguageClient(SECTION, 'Kube Expose', serverOptions, clientOptions);
}
