import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { exposeService } from './exposeService';

/** A location as the server's code lenses carry it (LSP JSON, 0-based). */
interface WireLocation {
  readonly uri: string;
  readonly range: { readonly start: WirePosition; readonly end: WirePosition };
}

interface WirePosition {
  readonly line: number;
  readonly character: number;
}

export function registerCommands(context: vscode.ExtensionContext, ctx: Ctx): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('kubeExpose.restartServer', async () => {
      try {
        await ctx.restart();
      } catch (error) {
        ctx.startFailed(error);
      }
    }),
    vscode.commands.registerCommand('kubeExpose.showOutput', () => ctx.output.show(true)),
    vscode.commands.registerCommand('kubeExpose.exposeService', () => exposeService(ctx.client)),
    vscode.commands.registerCommand('kubeExpose.refreshExposures', () => ctx.exposures.refresh()),
    // Internal (hidden from the palette): the server's code lenses carry LSP JSON, the references peek wants
    // VS Code objects.
    vscode.commands.registerCommand('kubeExpose.showLocations', (uri: string, position: WirePosition, locations: readonly WireLocation[]) =>
      vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), asPosition(position), locations.map(asLocation)),
    ),
  );
}

function asPosition(position: WirePosition): vscode.Position {
  return new vscode.Position(position.line, position.character);
}

function asLocation(location: WireLocation): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(location.uri), new vscode.Range(asPosition(location.range.start), asPosition(location.range.end)));
}
