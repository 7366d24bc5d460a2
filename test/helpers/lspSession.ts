import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

/**
 * The least an editor does with any transport: initialize on a folder, answer the server's requests with the
 * defaults, and collect the diagnostics it publishes until `done` holds for them (or `timeoutMs` passes).
 */
export async function diagnosticsSession(
  connection: MessageConnection,
  root: string,
  done: (published: Map<string, PublishDiagnosticsParams['diagnostics']>) => boolean,
  timeoutMs = 20_000,
): Promise<Map<string, PublishDiagnosticsParams['diagnostics']>> {
  const published = new Map<string, PublishDiagnosticsParams['diagnostics']>();
  let wake = (): void => undefined;
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.set(URI.parse(params.uri).fsPath, params.diagnostics);
    wake();
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const rootUri = URI.file(root).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'root' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true } },
  });
  await connection.sendNotification('initialized', {});
  const deadline = Date.now() + timeoutMs;
  while (!done(published) && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, deadline - Date.now());
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  return published;
}
