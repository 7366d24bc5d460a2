import type { ChartFacts } from '../model/chart';
import type { ServiceFact, ServicePortFact, VariableFact } from '../model/facts';
import type { HelmCondition, HelmExpression, HelmPortTemplate, HelmServiceTemplate, HelmValue } from '../model/helmTemplate';
import type { Span } from '../types';
import { pushTo } from '../util';
import type { FileModel } from '../model/files';
import type { ServicePortAt } from './view';

/** Stands for a type the template computes: not one of the known types, so no type rule fires on it. */
export const COMPUTED_TYPE = '(computed by the template)';

interface Chart {
  chart?: FileModel;
  defaults?: FileModel;
  readonly byEnv: Map<string, FileModel[]>;
  readonly templates: FileModel[];
}

/** Where a value was found: the file and span it is written at. */
interface Found {
  readonly file: FileModel;
  readonly span: Span;
  readonly value: string | number | boolean | null | undefined;
}

/**
 * The node ports of every chart's Service templates, read from its values: per environment from its values
 * file over values.yaml (as `helm -f values-<env>.yaml` merges them), else from values.yaml alone. A port
 * whose value or `{{ if }}` cannot be known is left out, so that it gives no diagnostic.
 */
export function helmServices(files: Iterable<FileModel>): ServicePortAt[] {
  const charts = new Map<string, Chart>();
  const chartOf = (facts: ChartFacts): Chart => {
    let chart = charts.get(facts.root);
    if (!chart) charts.set(facts.root, (chart = { byEnv: new Map(), templates: [] }));
    return chart;
  };
  for (const file of files) {
    const facts = file.chart;
    if (!facts) continue;
    const chart = chartOf(facts);
    if (facts.role === 'chart') chart.chart = file;
    else if (facts.role === 'template') chart.templates.push(file);
    else {
      const env = file.env ?? facts.env;
      if (env === undefined) chart.defaults = file;
      else pushTo(chart.byEnv, env, file);
    }
  }
  const found: ServicePortAt[] = [];
  for (const chart of charts.values()) {
    if (!chart.chart || chart.templates.length === 0) continue;
    const contexts: { env?: string; layers: FileModel[] }[] = chart.byEnv.size
      ? [...chart.byEnv].map(([env, layered]) => ({ env, layers: [...layered, ...(chart.defaults ? [chart.defaults] : [])] }))
      : [{ layers: chart.defaults ? [chart.defaults] : [] }];
    for (const context of contexts) {
      const values = new Values(context.layers);
      for (const template of chart.templates) {
        for (const service of template.chart?.services ?? []) {
          for (const port of service.ports) {
            const at = portAt(chart.chart, template, service, port, values, context.env);
            if (at) found.push(at);
          }
        }
      }
    }
  }
  return found;
}

class Values {
  private readonly maps: Map<string, VariableFact>[];
  constructor(private readonly layers: readonly FileModel[]) {
    this.maps = layers.map((file) => new Map(file.variables.map((variable) => [variable.path, variable])));
  }

  hasKeysUnder(path: string): boolean {
    const prefix = `${path}.`;
    return this.maps.some((map) => [...map.keys()].some((key) => key.startsWith(prefix)));
  }

  find(path: string): Found | undefined {
    for (const [index, map] of this.maps.entries()) {
      const variable = map.get(path);
      const file = this.layers[index];
      if (variable && file) return { file, span: variable.valueSpan ?? variable.keySpan, value: variable.kind === 'scalar' ? variable.scalar : variable.kind };
    }
    return undefined;
  }
}

function portAt(chartFile: FileModel, template: FileModel, service: HelmServiceTemplate, port: HelmPortTemplate, values: Values, env: string | undefined): ServicePortAt | undefined {
  if (!port.nodePort || !port.conditions.every((condition) => holds(condition, values))) return undefined;
  const nodePort = resolve(port.nodePort, template, values);
  const number = typeof nodePort?.value === 'number' ? nodePort.value : typeof nodePort?.value === 'string' && /^\d+$/.test(nodePort.value) ? Number(nodePort.value) : undefined;
  if (!nodePort || number === undefined || number === 0) return undefined;
  const span = nodePort.span;
  const type = service.type ? resolve(service.type, template, values) : undefined;
  const portFact: ServicePortFact = { span, protocol: 'TCP', nodePort: { value: number, span }, ...(port.name ? { name: port.name } : {}) };
  const fact: ServiceFact = {
    name: { value: nameOf(service, chartFile, values), span },
    ...(service.type ? { type: { value: typeof type?.value === 'string' ? type.value : COMPUTED_TYPE, span } } : {}),
    ports: [portFact],
    anchor: span,
    extent: span,
  };
  return { file: nodePort.file, service: fact, port: portFact, ...(env !== undefined ? { env } : {}), template: { file: template, span: port.nodePort.span } };
}

function resolve(value: HelmValue, template: FileModel, values: Values): Found | undefined {
  if (value.literal !== undefined) return { file: template, span: value.span, value: value.literal };
  const found = value.valuesPath !== undefined ? values.find(value.valuesPath) : undefined;
  if (found && found.value !== null && found.value !== '') return found;
  return value.fallback !== undefined ? { file: template, span: value.span, value: value.fallback } : undefined;
}

/** Whether a `{{ if }}` around the port lets it render; one that cannot be known leaves the port out. */
function holds(condition: HelmCondition, values: Values): boolean {
  if (condition.unknown !== undefined || condition.expression === undefined) return false;
  const result = evaluate(condition.expression, values);
  if (result === UNKNOWN) return false;
  return condition.negate ? !truthy(result) : truthy(result);
}

const UNKNOWN = Symbol('unknown');
type Evaluated = string | number | boolean | null | undefined | typeof UNKNOWN;

/** As Go templates do; a map is true when it has a key, a list is not looked into (unknown). */
function evaluate(expression: HelmExpression, values: Values): Evaluated {
  if (expression.op === 'literal') return expression.value;
  if (expression.op === 'path') {
    const value = values.find(expression.path)?.value;
    if (value === 'map') return values.hasKeysUnder(expression.path);
    return value === 'list' ? UNKNOWN : value;
  }
  const args = expression.args.map((arg) => evaluate(arg, values));
  if (args.includes(UNKNOWN)) return UNKNOWN;
  const [first, second] = args;
  switch (expression.fn) {
    case 'and':
      return args.every(truthy);
    case 'or':
      return args.some(truthy);
    case 'not':
    case 'empty':
      return args.length === 1 ? !truthy(first) : UNKNOWN;
    case 'eq':
    case 'ne':
      return args.length === 2 ? (String(first) === String(second)) === (expression.fn === 'eq') : UNKNOWN;
  }
}

function truthy(value: Evaluated): boolean {
  return value !== undefined && value !== null && value !== false && value !== '' && value !== 0;
}

/** The literal `name:`, else what the chart's standard helpers make of it: fullnameOverride, nameOverride, the chart's name. */
function nameOf(service: HelmServiceTemplate, chartFile: FileModel, values: Values): string {
  if (service.name.literal !== undefined) return service.name.literal;
  for (const key of ['fullnameOverride', 'nameOverride']) {
    const value = values.find(key)?.value;
    if (typeof value === 'string' && value !== '') return value;
  }
  return chartFile.chart?.name ?? chartFile.chart?.root.split('/').pop() ?? 'chart';
}
