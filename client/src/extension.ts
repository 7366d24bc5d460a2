import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Shows the Exposures view only where the extension runs, not in every workspace of the user.
  void vscode.commands.executeCommand('setContext', 'kubeExpose.active', true);
  ctx = new Ctx(context);
  registerCommands(context, ctx);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('kubeExpose.server.maxMemory')) return;
      void vscode.window.showInformationMessage('Kube Expose: the new heap cap applies once the language server restarts.', 'Restart Server').then((choice) => {
        if (choice === 'Restart Server') void vscode.commands.executeCommand('kubeExpose.restartServer');
      });
    }),
  );
  try {
    await ctx.start();
  } catch (error) {
    ctx.startFailed(error);
  }
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
