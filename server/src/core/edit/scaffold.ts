import { isMap, type YAMLMap } from 'yaml';
import { spanOf } from '../yaml/nodes';
import type { TextEdit, WorkspaceEdit } from './types';
import { environmentName } from '../workspace/classify';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { appendEntry, contentEnd } from './append';
import { appPortReference, appPortVariable, haproxyEntry, nginxRoute } from './entries';
import { nextFreeNodePort, portTaken } from '../workspace/ports';
import { styleOf, type TextStyle } from './style';
import { documentsOf } from '../workspace/documents';
import { inside, refuseBroken, ScaffoldError } from './scaffoldChecks';
import { chartValuesEdit } from './chartScaffold';

export { ScaffoldError };

export interface ScaffoldOptions {
  /** The environment's folder (`inventories/prod`) or its name (`prod`). */
  readonly env: string;
  readonly app: string;
  /** The Service's namespace: required for a manifest, not used with `chart` (the chart's template decides). */
  readonly namespace?: string;
  /** The container port: required for a manifest, not used with `chart`. */
  readonly targetPort?: number;
  /** The Service's own port; 80 by default. */
  readonly port?: number;
  /** The next free node port of the workspace by default. */
  readonly nodePort?: number;
  /** `/<app>/` by default. */
  readonly location?: string;
  readonly mode?: 'http' | 'tcp';
  readonly balance?: string;
  /** Where the Service manifest goes, relative to the root; `{namespace}` and `{app}` are replaced. */
  readonly servicePath?: string;
  /**
   * A Helm chart's folder, relative to the root: the node port is written into its values file (the environment's,
   * else values.yaml) instead of a Service manifest being created.
   */
  readonly chart?: string;
}

export interface ScaffoldResult {
  readonly edit: WorkspaceEdit;
  /** The Service manifest created, or the chart's values file written, to open afterwards. */
  readonly servicePath: string;
  readonly nodePort: number;
}

const NAME = /^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Computes, as one edit, everything that exposes a new app: its Service manifest, its HAProxy entry, its Nginx
 * route and stream, and `app.<name>.port`. Existing files only get text added after their last entry.
 */
export function scaffold(workspace: Workspace, options: ScaffoldOptions): ScaffoldResult {
  const env = resolveEnvironment(workspace, options.env);
  const view = workspace.environment(env);
  if (!view) throw new ScaffoldError(`Environment ${options.env} has no files.`, true);
  const { app } = options;
  if (!NAME.test(app)) throw new ScaffoldError(`"${app}" is not a valid app name (lower-case letters, digits, - and _).`, true);
  const namespace = options.namespace ?? '';
  if (options.chart === undefined) {
    if (!DNS_LABEL.test(namespace)) throw new ScaffoldError(`"${namespace}" is not a valid Kubernetes namespace.`, true);
    checkPort(options.targetPort ?? Number.NaN, 'targetPort');
    checkPort(options.port ?? 80, 'port');
  }
  const stream = `stream_${app}`;
  const location = options.location ?? `/${app}/`;
  if (!location.startsWith('/')) throw new ScaffoldError(`The location "${location}" must start with /.`, true);

  if (view.proxyEntries.some((at) => at.entry.app === app) || view.routeEntries.some((at) => at.entry.app === app) || view.scope.lookup(`app.${app}`).length) {
    throw new ScaffoldError(`App ${app} already exists in environment ${view.name}.`);
  }
  if (view.routeEntries.some((at) => at.entry.stream?.name?.value === stream)) throw new ScaffoldError(`Stream ${stream} already exists in environment ${view.name}.`);
  const taken = view.routeEntries.find((at) => at.entry.locations.some((candidate) => candidate.value === location));
  if (taken) throw new ScaffoldError(`Location ${location} is already served by route ${taken.entry.app} in environment ${view.name}.`);

  const { min, max } = workspace.currentSettings().nodePortRange;
  const nodePort = options.nodePort ?? nextFreeNodePort(workspace);
  if (nodePort === undefined) throw new ScaffoldError(`No node port is free in ${min}-${max}.`);
  if (nodePort < min || nodePort > max) throw new ScaffoldError(`nodePort ${nodePort} is outside the node-port range ${min}-${max}.`, true);
  if (portTaken(workspace)(nodePort)) throw new ScaffoldError(`Port ${nodePort} is already used in the workspace.`);

  // The chart first: its refusals say the most about what the user picked.
  const chart = options.chart === undefined ? undefined : chartValuesEdit(workspace, options.chart, env, app, nodePort);
  const servicePath = (options.servicePath ?? workspace.currentSettings().scaffoldServicePath).replaceAll('{namespace}', namespace).replaceAll('{app}', app);
  const serviceFile = chart ? chart.valuesFile : inside(workspace.root, servicePath);
  if (!chart && workspace.file(serviceFile)) throw new ScaffoldError(`${servicePath} already exists.`);

  const changes: Record<string, TextEdit[]> = { ...chart?.changes };
  const creates: { file: string; text: string }[] = [...(chart?.creates ?? [])];
  const gateway = workspace.currentSettings().gatewayGroup;
  const reference = appPortReference(app);
  const add = (file: FileModel | undefined, fallback: string, render: (style: TextStyle, base: string) => string): void => {
    if (file) {
      refuseBroken(file);
      (changes[file.path] ??= []).push(appendEntry(file, render));
    } else {
      const path = inside(workspace.root, `${env}/${fallback}`);
      creates.push({ file: path, text: `${render({ eol: '\n', indent: '  ' }, '')}\n` });
    }
  };
  add(view.proxyFiles[0], 'kube_gateway_pool/proxy.yml', (style, base) => haproxyEntry({ app, port: reference, group: gateway, mode: options.mode ?? 'http', balance: options.balance ?? 'roundrobin' }, style, base));
  add(view.routesFiles[0], 'webservers_pool/routes.yml', (style, base) => nginxRoute({ app, location, stream, port: reference, group: gateway }, style, base));
  addVariable(workspace, env, app, nodePort, changes, creates);
  if (!chart) creates.push({ file: serviceFile, text: serviceManifest(app, namespace, options.port ?? 80, options.targetPort ?? 0, nodePort) });
  return { edit: { changes, creates }, servicePath: serviceFile, nodePort };
}

function checkPort(port: number, name: string): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ScaffoldError(`${name} must be a port number from 1 to 65535.`, true);
}

function resolveEnvironment(workspace: Workspace, wanted: string): string {
  const ids = workspace.environmentNames();
  const matches = ids.filter((id) => id === wanted || environmentName(id) === wanted);
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length > 1) throw new ScaffoldError(`Environment ${wanted} is ambiguous: ${matches.join(', ')}.`, true);
  throw new ScaffoldError(`No environment ${wanted} (found: ${ids.map(environmentName).join(', ') || 'none'}).`, true);
}

/** Adds `<app>: { port }` to the `app` map of the environment's variables, or creates group_vars/all/apps.yml. */
function addVariable(workspace: Workspace, env: string, app: string, port: number, changes: Record<string, TextEdit[]>, creates: { file: string; text: string }[]): void {
  const view = workspace.environment(env);
  const definition = view?.scope.lookup('app').find((candidate) => candidate.fact.kind === 'map');
  if (!definition) {
    creates.push({ file: inside(workspace.root, `${env}/group_vars/all/apps.yml`), text: `app:\n${appPortVariable(app, port, { eol: '\n', indent: '  ' }, '  ')}\n` });
    return;
  }
  const file = definition.file;
  refuseBroken(file);
  const map = findMap(file, definition.fact.valueSpan?.start);
  if (!map?.range) throw new ScaffoldError(`The app variables of ${file.relativePath} are not a block map.`);
  const style = styleOf(file.text);
  const column = file.lines.positionAt(spanOf(map.items[0]?.key as never)?.start ?? map.range[0]).character;
  const at = file.lines.positionAt(contentEnd(file.text, map.range[1]));
  (changes[file.path] ??= []).push({ range: { start: at, end: at }, newText: `${style.eol}${appPortVariable(app, port, style, ' '.repeat(column))}` });
}

function findMap(file: FileModel, start: number | undefined): YAMLMap | undefined {
  if (start === undefined) return undefined;
  let found: YAMLMap | undefined;
  const visit = (node: unknown, depth: number): void => {
    if (found || depth > 64 || !isMap(node)) return;
    if (node.range?.[0] === start) {
      found = node;
      return;
    }
    for (const pair of node.items) visit(pair.value, depth + 1);
  };
  for (const document of documentsOf(file)) visit(document.contents, 0);
  return found;
}

export function serviceManifest(app: string, namespace: string, port: number, targetPort: number, nodePort: number): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  labels:',
    `    app: ${app}`,
    `  name: ${app}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  ports:',
    `    - name: ${app}-port`,
    `      nodePort: ${nodePort}`,
    `      port: ${port}`,
    `      targetPort: ${targetPort}`,
    '  selector:',
    `    app: ${app}`,
    '  type: NodePort',
    '',
  ].join('\n');
}
