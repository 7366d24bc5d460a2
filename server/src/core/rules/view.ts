import type { ProxyEntryFact, RouteEntryFact, ServiceFact, ServicePortFact } from '../model/facts';
import { pushTo } from '../util';
import type { FileModel } from '../workspace/fileModel';
import { VariableScope } from './scope';

export interface ProxyEntryAt {
  readonly file: FileModel;
  readonly entry: ProxyEntryFact;
}

export interface RouteEntryAt {
  readonly file: FileModel;
  readonly entry: RouteEntryFact;
}

export interface ServicePortAt {
  readonly file: FileModel;
  readonly service: ServiceFact;
  readonly port?: ServicePortFact;
}

/** One environment's files, indexed for the rules and the editor features. */
export class EnvironmentView {
  readonly scope: VariableScope;
  readonly proxyEntries: ProxyEntryAt[] = [];
  readonly routeEntries: RouteEntryAt[] = [];
  readonly groups = new Map<string, { file: FileModel; span: { start: number; end: number } }[]>();
  readonly inventories: FileModel[] = [];
  readonly proxyFiles: FileModel[] = [];
  readonly routesFiles: FileModel[] = [];

  constructor(
    readonly name: string,
    readonly files: readonly FileModel[],
  ) {
    this.scope = new VariableScope(files);
    for (const file of files) {
      if (file.inventory) {
        this.inventories.push(file);
        for (const group of file.inventory.groups) pushTo(this.groups, group.name, { file, span: group.span });
      }
      if (file.proxy) {
        this.proxyFiles.push(file);
        for (const entry of file.proxy.entries) this.proxyEntries.push({ file, entry });
      }
      if (file.routes) {
        this.routesFiles.push(file);
        for (const entry of file.routes.entries) this.routeEntries.push({ file, entry });
      }
    }
  }

  hasInventory(): boolean {
    return this.inventories.length > 0;
  }

  knowsGroup(name: string): boolean {
    return name === 'all' || name === 'ungrouped' || this.groups.has(name);
  }
}

/** Every Service port of the workspace, by nodePort and by name, with the environment each may belong to. */
export class ServiceIndex {
  readonly all: ServicePortAt[] = [];
  private readonly byNodePort = new Map<number, ServicePortAt[]>();
  private readonly byName = new Map<string, ServicePortAt[]>();

  constructor(files: readonly FileModel[]) {
    for (const file of files) {
      for (const service of file.services) {
        const ports = service.ports.length ? service.ports : [undefined];
        for (const port of ports) {
          const at: ServicePortAt = port ? { file, service, port } : { file, service };
          this.all.push(at);
          if (port?.nodePort) pushTo(this.byNodePort, port.nodePort.value, at);
          if (service.name) pushTo(this.byName, service.name.value, at);
        }
      }
    }
  }

  /** Services a chain of `env` may reach: those mapped to it and those mapped to no environment. */
  withNodePort(nodePort: number, env: string): ServicePortAt[] {
    return (this.byNodePort.get(nodePort) ?? []).filter((at) => inEnvironment(at, env));
  }

  named(name: string, env: string): ServicePortAt[] {
    return (this.byName.get(name) ?? []).filter((at) => inEnvironment(at, env));
  }

  names(): IterableIterator<string> {
    return this.byName.keys();
  }
}

function inEnvironment(at: ServicePortAt, env: string): boolean {
  return at.file.env === undefined || at.file.env === env;
}
