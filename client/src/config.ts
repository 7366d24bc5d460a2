import * as vscode from 'vscode';
import { yamlExtensionCoverage } from './yamlExtension';
import { SECTION } from './section';

export { SECTION };

/**
 * The settings sent with `initialize`, as plain JSON (a WorkspaceConfiguration holds the values as its own
 * properties, next to methods that JSON leaves out). They only serve until the server has asked: it reads the
 * settings of each workspace folder with workspace/configuration, and again on every
 * workspace/didChangeConfiguration, so a change applies without restarting anything.
 */
export function initializationOptions(): unknown {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return withEditorContext(JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SECTION, folder?.uri))) as unknown, folder?.uri);
}

/**
 * Adds what the server cannot see from its process to a settings object: what Red Hat's YAML extension reports,
 * and whether the workspace is trusted (if not, the repository's `.kube-expose.json` may not choose the files).
 */
export function withEditorContext(settings: unknown, scope?: vscode.Uri): unknown {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return settings;
  return { ...settings, yamlExtension: yamlExtensionCoverage(scope), workspaceTrusted: vscode.workspace.isTrusted };
}
