import type { HelmPortTemplate, HelmServiceTemplate } from '../model/helmTemplate';
import { COMPUTED_TYPE, helmServices } from '../rules/helm';
import { comparableName, type ServicePortAt } from '../rules/view';
import { environmentName } from '../workspace/classify';
import type { FileModel } from '../workspace/fileModel';
import { modelOf } from '../workspace/prepare';
import type { Workspace } from '../workspace/workspace';
import type { TextEdit, WorkspaceEdit } from './types';
import { inside, refuseBroken, ScaffoldError } from './scaffoldChecks';
import { assignValues, existingValue, type Assignment, type Splice } from './valuesEdit';

/** A Helm chart of the workspace: its folder relative to the root (`charts/argocd`) and Chart.yaml's name. */
export interface ChartChoice {
  readonly root: string;
  readonly name: string;
}

/** The charts the scaffold can write a node port into, in path order. */
export function chartsOf(workspace: Workspace): ChartChoice[] {
  const charts: ChartChoice[] = [];
  for (const file of workspace.allFiles()) {
    if (file.chart?.role === 'chart') charts.push({ root: file.chart.root, name: file.chart.name ?? file.chart.root.split('/').pop() ?? file.chart.root });
  }
  return charts.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}

interface Candidate {
  readonly template: FileModel;
  readonly service: HelmServiceTemplate;
  readonly port: HelmPortTemplate;
  readonly path: string;
}

/**
 * The edit that gives a chart's Service the app's node port: the value its template reads (`nodePort:
 * {{ .Values.service.nodePort }}`) written into the environment's values file (values.yaml when the chart has
 * none per environment), and its `type` when the template reads it from values too and it is not NodePort.
 * Refused when no Service template reads its node port from values, or when the result would not expose it.
 */
export function chartValuesEdit(workspace: Workspace, chartPath: string, env: string, app: string, nodePort: number): { changes: Record<string, TextEdit[]>; creates: { file: string; text: string }[]; valuesFile: string } {
  const root = normalized(chartPath);
  const files = [...workspace.allFiles()].filter((file) => file.chart?.root === root);
  if (!files.some((file) => file.chart?.role === 'chart')) {
    const found = chartsOf(workspace).map((chart) => chart.root);
    throw new ScaffoldError(`No Helm chart at ${root} (a folder with a Chart.yaml; found: ${found.join(', ') || 'none'}).`);
  }
  const candidate = chosenPort(files, root, app);
  const target = valuesTarget(workspace, files, root, env);
  const current = target.file?.text ?? '';
  if (target.file) refuseBroken(target.file);
  const nodePath = candidate.path.split('.');
  const existing = existingValue(current, nodePath);
  if (existing) throw new ScaffoldError(`${target.relative} already sets ${existing.path} to ${existing.value}: the chart's Service already has a node port there.`);

  const typePath = candidate.service.type?.valuesPath;
  const attempts: Assignment[][] = [[{ path: nodePath, value: String(nodePort) }]];
  if (typePath !== undefined) attempts.push([...(attempts[0] ?? []), { path: typePath.split('.'), value: 'NodePort' }]);
  let refusal = '';
  for (const assignments of attempts) {
    const written = assignValues(current, assignments);
    if ('refused' in written) throw new ScaffoldError(`Cannot write ${candidate.path} into ${target.relative}: ${written.refused}.`);
    refusal = exposedProblem(workspace, files, target, written.text, candidate, env, nodePort) ?? '';
    if (refusal === '') return editOf(target, written.text, written.splices);
  }
  throw new ScaffoldError(refusal);
}

function normalized(chartPath: string): string {
  const trimmed = chartPath.replace(/\\/g, '/').replace(/\/Chart\.yaml$/, '').replace(/^\.\//, '').replace(/\/+$/, '');
  if (trimmed.split('/').includes('..') || trimmed.startsWith('/')) throw new ScaffoldError(`${chartPath} would fall outside the workspace.`);
  return trimmed === '' ? '.' : trimmed;
}

/** The one port whose node port the chart's templates read from values; by the app's name when there are several. */
function chosenPort(files: readonly FileModel[], root: string, app: string): Candidate {
  const candidates: Candidate[] = [];
  for (const template of files) {
    for (const service of template.chart?.role === 'template' ? (template.chart.services ?? []) : []) {
      for (const port of service.ports) {
        const path = port.nodePort?.valuesPath;
        if (path !== undefined && !candidates.some((candidate) => candidate.path === path)) candidates.push({ template, service, port, path });
      }
    }
  }
  if (candidates.length === 0) {
    throw new ScaffoldError(`No Service template of the chart ${root} reads its nodePort from values (such as nodePort: {{ .Values.service.nodePort }}): there is no value to write the node port to. Add one to the template, or choose a plain manifest.`);
  }
  if (candidates.length === 1 && candidates[0]) return candidates[0];
  const wanted = comparableName(app);
  const named = candidates.filter(({ service, port }) => [service.name.literal, port.name].some((name) => name !== undefined && comparableName(name) === wanted));
  if (named.length === 1 && named[0]) return named[0];
  throw new ScaffoldError(`The chart ${root} reads several node ports from values (${candidates.map((candidate) => candidate.path).join(', ')}): none is named after ${app}, so which one to set is not clear.`);
}

interface Target {
  readonly path: string;
  readonly relative: string;
  readonly file?: FileModel;
}

/**
 * The environment's values file (by convention or by `kubeExpose.serviceEnvironments`); when the chart has
 * values files for other environments only, a new `values-<env>.yaml` (or `values/<env>.yaml`) beside them, since
 * the chart's Services are then read per environment; otherwise values.yaml.
 */
function valuesTarget(workspace: Workspace, files: readonly FileModel[], root: string, env: string | undefined): Target {
  const name = env === undefined ? undefined : environmentName(env);
  const values = files.filter((file) => file.chart?.role === 'values');
  const envOf = (file: FileModel): string | undefined => file.env ?? file.chart?.env;
  const own = env === undefined ? undefined : values.find((file) => envOf(file) === env || envOf(file) === name);
  const prefix = root === '.' ? '' : `${root}/`;
  const at = (relative: string, file?: FileModel): Target => ({ path: file?.path ?? inside(workspace.root, relative), relative, ...(file ? { file } : {}) });
  if (own) return at(own.relativePath, own);
  const perEnvironment = values.filter((file) => envOf(file) !== undefined);
  if (name !== undefined && perEnvironment.length > 0) {
    const nested = perEnvironment.every((file) => file.relativePath.startsWith(`${prefix}values/`));
    return at(nested ? `${prefix}values/${name}.yaml` : `${prefix}values-${name}.yaml`);
  }
  const defaults = values.find((file) => envOf(file) === undefined && /(^|\/)values\.ya?ml$/.test(file.relativePath));
  return defaults ? at(defaults.relativePath, defaults) : at(`${prefix}values.yaml`);
}

/**
 * The edit that writes `value` at a values path of a chart (`service.nodePort`), in the values file that
 * environment `env` reads it from first (values.yaml for every environment); undefined when that file cannot
 * take it (not valid YAML, not a map there). The template is never edited.
 */
export function chartValueEdit(workspace: Workspace, root: string, env: string | undefined, path: string, value: string): { edit: WorkspaceEdit; relative: string } | undefined {
  const files = [...workspace.allFiles()].filter((file) => file.chart?.root === root);
  let target: Target;
  try {
    target = valuesTarget(workspace, files, root, env);
  } catch {
    return undefined;
  }
  if (target.file?.problems.some((problem) => problem.code === 'yaml-syntax' || problem.code === 'file-skipped')) return undefined;
  const written = assignValues(target.file?.text ?? '', [{ path: path.split('.'), value }]);
  if ('refused' in written) return undefined;
  const { changes, creates } = editOf(target, written.text, written.splices);
  return { edit: { changes, ...(creates.length ? { creates } : {}) }, relative: target.relative };
}

/** Why the chart, with the values file so written, would not expose the node port to the environment; undefined when it does. */
function exposedProblem(workspace: Workspace, files: readonly FileModel[], target: Target, text: string, candidate: Candidate, env: string, nodePort: number): string | undefined {
  const descriptor = workspace.describe(target.path);
  const model = descriptor && modelOf(descriptor, { text }, workspace.currentSettings());
  if (!model) return `${target.relative} would not be read (see kubeExpose.files.kubernetes and kubeExpose.files.exclude).`;
  const others = files.filter((file) => file.path !== target.path);
  const found = helmServices([...others, model]).filter((at) => at.port?.nodePort?.value === nodePort && inEnvironment(at, env));
  const template = candidate.template.relativePath;
  const at = found[0];
  if (!at) return `With ${candidate.path} set to ${nodePort} in ${target.relative}, ${template} still does not render the nodePort for environment ${environmentName(env)}: the {{ if }} around it does not hold, or cannot be known.`;
  const type = at.service.type?.value;
  if (type === undefined) return `The Service of ${template} sets no type (ClusterIP by default): a node port needs type NodePort.`;
  if (type !== 'NodePort' && type !== 'LoadBalancer' && type !== COMPUTED_TYPE) return `The Service of ${template} is of type ${type}, which the template writes: a node port needs type NodePort.`;
  return undefined;
}

function inEnvironment(at: ServicePortAt, env: string): boolean {
  const own = at.env ?? at.file.env;
  return own === undefined || own === env || own === environmentName(env);
}

/** One edit per place that changes, or the file created. */
function editOf(target: Target, after: string, splices: readonly Splice[]): { changes: Record<string, TextEdit[]>; creates: { file: string; text: string }[]; valuesFile: string } {
  const file = target.file;
  if (!file) return { changes: {}, creates: [{ file: target.path, text: after }], valuesFile: target.path };
  const edits = splices.map((splice) => ({ range: { start: file.lines.positionAt(splice.start), end: file.lines.positionAt(splice.end) }, newText: splice.text }));
  return { changes: { [file.path]: edits }, creates: [], valuesFile: target.path };
}
