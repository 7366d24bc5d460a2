import type { PortRef } from '../model/facts';
import type { EnvironmentView, ServiceIndex } from '../rules/view';
import type { FileModel } from './fileModel';
import type { Workspace } from './workspace';

const APP_PORT = /^app\.[^.]+\.port$/;

/*
 * The ports in use, cached per Service index and per environment view: the workspace replaces these objects
 * whenever what they are built from changes, so a cache entry can never be stale.
 */
const servicePorts = new WeakMap<ServiceIndex, ReadonlySet<number>>();
const environmentPorts = new WeakMap<EnvironmentView, ReadonlySet<number>>();

/** Every Service's nodePort. */
function nodePortsOf(index: ServiceIndex): ReadonlySet<number> {
  let ports = servicePorts.get(index);
  if (!ports) {
    const found = new Set<number>();
    for (const at of index.all) if (at.port?.nodePort) found.add(at.port.nodePort.value);
    servicePorts.set(index, (ports = found));
  }
  return ports;
}

/**
 * Every app port of one environment, resolved through its variables, chain or not: `app.<name>.port`, HAProxy
 * `port` and `destination.group.port`, Nginx `stream.port`. With the Services' nodePorts, this holds every value
 * of every hop of every chain of the environment.
 */
function appPortsOf(view: EnvironmentView): ReadonlySet<number> {
  let ports = environmentPorts.get(view);
  if (!ports) {
    const found = new Set<number>();
    const add = (ref: PortRef | undefined, file: FileModel): void => {
      const value = ref ? view.scope.resolvePort(ref, file).value : undefined;
      if (typeof value === 'number') found.add(value);
    };
    for (const { file, entry } of view.proxyEntries) {
      add(entry.port, file);
      add(entry.destinationPort, file);
    }
    for (const { file, entry } of view.routeEntries) add(entry.stream?.port, file);
    for (const path of view.scope.paths()) {
      if (!APP_PORT.test(path)) continue;
      const value = variablePort(view, path);
      if (value !== undefined) found.add(value);
    }
    environmentPorts.set(view, (ports = found));
  }
  return ports;
}

/** The value of a port variable, following it when it is itself a template. */
export function variablePort(view: EnvironmentView, path: string): number | undefined {
  const definition = view.scope.lookup(path)[0];
  if (!definition) return undefined;
  const span = definition.fact.valueSpan ?? definition.fact.keySpan;
  const value = view.scope.resolveExpression({ span, path, filters: [], simple: true }, definition.file, 0, []).value;
  return typeof value === 'number' ? value : undefined;
}

/** Whether something in the workspace already uses a port: a Service's nodePort, or an app port of any environment. */
export function portTaken(workspace: Workspace): (port: number) => boolean {
  const sets = [nodePortsOf(workspace.serviceIndex())];
  for (const name of workspace.environmentNames()) {
    const view = workspace.environment(name);
    if (view) sets.push(appPortsOf(view));
  }
  return (port) => sets.some((set) => set.has(port));
}

/** The lowest port of `kubeExpose.nodePortRange` that nothing in the workspace uses: what completion, the quick-fixes and scaffolding offer. */
export function nextFreeNodePort(workspace: Workspace): number | undefined {
  const taken = portTaken(workspace);
  const { min, max } = workspace.currentSettings().nodePortRange;
  for (let port = min; port <= max; port++) if (!taken(port)) return port;
  return undefined;
}
