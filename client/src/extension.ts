import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Shows the Exposures view only where the extension runs, not in every workspace of the user.
  void vscode.commands.executeCommand('setContext', 'kubeExpose.active', true);
  ctx = new Ctx(context);
  registerCommands(context, ctx);
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
