import * as vscode from 'vscode';

/**
 * The settings section. It is also the language client's id, which is how vscode-languageclient finds
 * `kubeExpose.trace.server` by itself.
 */
export const SECTION = 'kubeExpose';

/**
 * The settings sent with `initialize`, as plain JSON (a WorkspaceConfiguration holds the values as its own
 * properties, next to methods that JSON leaves out). They only serve until the server has asked: it reads the
 * settings of each workspace folder with workspace/configuration, and again on every
 * workspace/didChangeConfiguration, so a change applies without restarting anything.
 */
export function initializationOptions(): unknown {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SECTION, folder?.uri))) as unknown;
}
