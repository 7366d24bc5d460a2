import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { SCAFFOLD_COMMAND, SCAFFOLD_DEFAULTS_REQUEST, type ScaffoldArguments, type ScaffoldDefaults, type ScaffoldResponse } from '../../server/src/lsp/protocol';

const NAME = /^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$/;
const BALANCES = ['roundrobin', 'leastconn', 'source', 'static-rr', 'first', 'uri', 'random'];

function port(value: string): string | undefined {
  return /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535 ? undefined : 'A port number from 1 to 65535.';
}

/** Numbers the steps as they are asked: a chart's Service needs three fewer than a manifest. */
class Steps {
  private step = 0;
  constructor(private total: number) {}

  title(): string {
    this.step++;
    return `Expose a New Service (${this.step}/${this.total})`;
  }

  skip(count: number): void {
    this.total -= count;
  }

  async ask(title: string, prompt: string, value: string, validate: (value: string) => string | undefined): Promise<string | undefined> {
    return vscode.window.showInputBox({ title: this.title(), prompt: `${title}: ${prompt}`, value, ignoreFocusOut: true, validateInput: validate });
  }
}

/** Where the Service goes: a new manifest, or a chart of the environment's workspace folder, when it has any. */
async function pickTarget(defaults: ScaffoldDefaults, folder: string, steps: Steps): Promise<{ chart?: string } | undefined> {
  const charts = (defaults.charts ?? []).filter((chart) => chart.folder === folder);
  if (charts.length === 0) {
    // Counted when another workspace folder has charts.
    if (defaults.charts?.length) steps.skip(1);
    return {};
  }
  const items: (vscode.QuickPickItem & { chart?: string })[] = [
    { label: 'Plain manifest', description: defaults.servicePath ?? '', detail: 'Creates a NodePort Service manifest.' },
    ...charts.map((chart) => ({ label: chart.root, description: `Helm chart ${chart.name}`, detail: "Writes the node port into the chart's values file (the environment's, else values.yaml).", chart: chart.root })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: steps.title(), placeHolder: 'Where the Service goes', ignoreFocusOut: true });
  if (!picked) return undefined;
  return picked.chart === undefined ? {} : { chart: picked.chart };
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
  const steps = new Steps(defaults.charts?.length ? 10 : 9);
  const picked = await vscode.window.showQuickPick(
    defaults.environments.map((env) => ({ label: env.name, description: env.id, env })),
    { title: steps.title(), placeHolder: 'Environment', ignoreFocusOut: true },
  );
  if (!picked) return;
  const target = await pickTarget(defaults, picked.env.folder, steps);
  if (!target) return;
  const app = await steps.ask('App', 'the name used as key in proxy.yml, routes.yml and app.<name>.port', '', (value) => (NAME.test(value) ? undefined : 'Lower-case letters, digits, - and _.'));
  if (!app) return;
  let manifest: { namespace: string; targetPort: number; port: number } | undefined;
  if (target.chart === undefined) {
    const namespace = await steps.ask('Namespace', 'the Kubernetes namespace of the Service', app, (value) => (NAME.test(value) && !value.includes('_') ? undefined : 'A DNS label: lower-case letters, digits and -.'));
    if (!namespace) return;
    const targetPort = await steps.ask('targetPort', 'the container port the pods listen on', '80', port);
    if (!targetPort) return;
    const servicePort = await steps.ask('port', 'the Service port inside the cluster', '80', port);
    if (!servicePort) return;
    manifest = { namespace, targetPort: Number(targetPort), port: Number(servicePort) };
  } else {
    // The chart's Service template decides its namespace and ports.
    steps.skip(3);
  }
  const nodePort = await steps.ask('nodePort', 'the port on every node (the next free one by default)', String(defaults.nodePort ?? ''), port);
  if (!nodePort) return;
  const location = await steps.ask('Location', 'the Nginx location', `/${app}/`, (value) => (value.startsWith('/') ? undefined : 'A location starts with /.'));
  if (!location) return;
  const mode = await vscode.window.showQuickPick(['http', 'tcp'], { title: steps.title(), placeHolder: 'HAProxy mode', ignoreFocusOut: true });
  if (mode !== 'http' && mode !== 'tcp') return;
  const balance = await vscode.window.showQuickPick(BALANCES, { title: steps.title(), placeHolder: 'HAProxy balance', ignoreFocusOut: true });
  if (!balance) return;

  const args: ScaffoldArguments = { env: picked.env.id, folder: picked.env.folder, app, ...manifest, ...target, nodePort: Number(nodePort), location, mode, balance };
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
