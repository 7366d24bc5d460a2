import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';
import { Status } from './status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Kube Expose', { log: true });
  const status = new Status();
  context.subscriptions.push(output, status);

  const start = async (): Promise<void> => {
    const created = createClient(context, output);
    created.onDidChangeState((event) => {
      if (event.newState === State.Stopped) status.stopped();
      if (event.newState === State.Starting) status.starting();
    });
    client = created;
    await created.start();
    context.subscriptions.push(created.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params)));
  };
  const restart = async (): Promise<void> => {
    const previous = client;
    client = undefined;
    if (previous) await previous.dispose();
    await start();
  };
  registerCommands(context, () => client, output, restart);

  try {
    await start();
  } catch (error) {
    // VS Code says nothing when an extension fails to start: say it ourselves.
    const message = error instanceof Error ? error.message : String(error);
    output.error(`Kube Expose could not start its language server: ${message}`);
    void vscode.window.showErrorMessage(`Kube Expose could not start its language server: ${message}`, 'Show Output').then((choice) => {
      if (choice) output.show(true);
    });
  }
}

export async function deactivate(): Promise<void> {
  await client?.dispose();
  client = undefined;
}
