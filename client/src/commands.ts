import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { exposeService } from './exposeService';

interface WireLocation {
  readonly uri: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
}

export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, output: vscode.LogOutputChannel, restart: () => Promise<void>): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('kubeExpose.restartServer', restart),
    vscode.commands.registerCommand('kubeExpose.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('kubeExpose.exposeService', () => exposeService(client())),
    // Code lenses carry LSP locations; the references peek wants VS Code objects.
    vscode.commands.registerCommand('kubeExpose.showLocations', async (uri: string, position: { line: number; character: number }, locations: WireLocation[]) => {
      const converter = client()?.protocol2CodeConverter;
      const target = vscode.Uri.parse(uri);
      const at = new vscode.Position(position.line, position.character);
      const converted = converter
        ? locations.map((location) => converter.asLocation(location))
        : locations.map((location) => new vscode.Location(vscode.Uri.parse(location.uri), new vscode.Range(location.range.start.line, location.range.start.character, location.range.end.line, location.range.end.character)));
      await vscode.commands.executeCommand('editor.action.showReferences', target, at, converted);
    }),
  );
}
