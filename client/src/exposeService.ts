import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { SCAFFOLD_COMMAND, SCAFFOLD_DEFAULTS_REQUEST, type ScaffoldArguments, type ScaffoldDefaults, type ScaffoldResponse } from '../../server/src/lsp/protocol';

const NAME = /^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$/;
const BALANCES = ['roundrobin', 'leastconn', 'source', 'static-rr', 'first', 'uri', 'random'];

function port(value: string): string | undefined {
  return /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535 ? undefined : 'A port number from 1 to 65535.';
}

async function ask(title: string, step: number, prompt: string, value: string, validate: (value: string) => string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({ title: `Expose a New Service (${step}/9)`, prompt: `${title}: ${prompt}`, value, ignoreFocusOut: true, validateInput: validate });
}

/** Asks for the new app in a few steps with defaults, then lets the server add everything as one edit. */
export async function exposeService(client: LanguageClient | undefined): Promise<void> {
  if (!client) {
    void vscode.window.showErrorMessage('Kube Expose: the language server is not running.');
    return;
  }
  const defaults = await client.sendRequest<ScaffoldDefaults>(SCAFFOLD_DEFAULTS_REQUEST);
  if (defaults.environments.length === 0) {
    void vscode.window.showErrorMessage('Kube Expose: no environment found (no inventories/<env>/ folder in this workspace).');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    defaults.environments.map((env) => ({ label: env.name, description: env.id, env })),
    { title: 'Expose a New Service (1/9)', placeHolder: 'Environment', ignoreFocusOut: true },
  );
  if (!picked) return;
  const app = await ask('App', 2, 'the name used as key in proxy.yml, routes.yml and app.<name>.port', '', (value) => (NAME.test(value) ? undefined : 'Lower-case letters, digits, - and _.'));
  if (!app) return;
  const namespace = await ask('Namespace', 3, 'the Kubernetes namespace of the Service', app, (value) => (NAME.test(value) && !value.includes('_') ? undefined : 'A DNS label: lower-case letters, digits and -.'));
  if (!namespace) return;
  const targetPort = await ask('targetPort', 4, 'the container port the pods listen on', '80', port);
  if (!targetPort) return;
  const servicePort = await ask('port', 5, 'the Service port inside the cluster', '80', port);
  if (!servicePort) return;
  const nodePort = await ask('nodePort', 6, 'the port on every node (the next free one by default)', String(defaults.nodePort ?? ''), port);
  if (!nodePort) return;
  const location = await ask('Location', 7, 'the Nginx location', `/${app}/`, (value) => (value.startsWith('/') ? undefined : 'A location starts with /.'));
  if (!location) return;
  const mode = await vscode.window.showQuickPick(['http', 'tcp'], { title: 'Expose a New Service (8/9)', placeHolder: 'HAProxy mode', ignoreFocusOut: true });
  if (mode !== 'http' && mode !== 'tcp') return;
  const balance = await vscode.window.showQuickPick(BALANCES, { title: 'Expose a New Service (9/9)', placeHolder: 'HAProxy balance', ignoreFocusOut: true });
  if (!balance) return;

  const args: ScaffoldArguments = { env: picked.env.id, folder: picked.env.folder, app, namespace, targetPort: Number(targetPort), port: Number(servicePort), nodePort: Number(nodePort), location, mode, balance };
  try {
    const response = (await client.sendRequest(ExecuteCommandRequest.type, { command: SCAFFOLD_COMMAND, arguments: [args] })) as ScaffoldResponse | null;
    if (!response?.applied) {
      void vscode.window.showErrorMessage(`Kube Expose: the edit was not applied${response?.failureReason ? `: ${response.failureReason}` : '.'}`);
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.parse(response.service));
  } catch (error) {
    void vscode.window.showErrorMessage(`Kube Expose: ${error instanceof Error ? error.message : String(error)}`);
  }
}
