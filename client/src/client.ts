import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', pattern: '**/hosts' },
  { scheme: 'file', pattern: '**/*.ini' },
];

/**
 * The language client for the bundled server. A crashed server is restarted by vscode-languageclient's
 * default error handler (up to 4 times within 3 minutes, then it gives up and says so).
 */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    synchronize: { configurationSection: 'kubeExpose' },
    initializationOptions: vscode.workspace.getConfiguration('kubeExpose'),
    outputChannel: output,
    traceOutputChannel: output,
  };
  return new LanguageClient('kubeExpose', 'Kube Expose', serverOptions, clientOptions);
}
