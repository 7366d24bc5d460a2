import type { ServiceFact, ServicePortFact } from '../model/facts';
import type { JsonPatchOperation, PatchFact, PatchTarget } from '../model/kustomization';
import { KUSTOMIZATION_NAMES } from '../model/kustomization';
import type { Span } from '../types';
import type { FileModel } from '../model/files';
import type { ServicePortAt } from './view';

/** A value with the file and span where it was last written (a base, a patch file, an inline patch). */
export interface Placed<T> {
  readonly value: T;
  readonly file: FileModel;
  readonly span: Span;
}

export interface RenderedPort {
  readonly port?: number;
  readonly name?: string;
  readonly protocol: string;
  readonly nodePort?: Placed<number>;
}

/** A Service as `kubectl kustomize` renders it, as far as the chain needs: name, namespace, type, node ports. */
export interface RenderedService {
  readonly name: string;
  /** The name before any prefix or suffix, which patches may also target. */
  readonly originalName: string;
  readonly namespace?: string;
  readonly type?: Placed<string>;
  readonly ports: readonly RenderedPort[];
  /**
   * Set when kustomize's order of the ports cannot be told (a strategic-merge port without its merge key
   * reorders them): a JSON patch by index then makes the node ports unknown, and they are not checked.
   */
  readonly unordered?: boolean;
  readonly unknownPorts?: boolean;
}

const MAX_DEPTH = 16;

/** Every kustomization of the workspace, rendered; and the files they read (never read alone). */
export class Kustomizations {
  private readonly byPath = new Map<string, FileModel>();
  private readonly rendered = new Map<string, RenderedService[]>();
  /** Files a kustomization lists as a resource or a patch, and kustomizations another one lists. */
  readonly consumed = new Set<FileModel>();
  /** Files a kustomization reads as a patch: partial objects, not whole Services. */
  readonly patchFiles = new Set<FileModel>();

  constructor(files: Iterable<FileModel>) {
    for (const file of files) this.byPath.set(file.relativePath, file);
    for (const file of this.byPath.values()) if (file.kustomization) this.render(file, 0, new Set());
  }

  kustomizationFiles(): FileModel[] {
    return [...this.byPath.values()].filter((file) => file.kustomization);
  }

  servicesOf(file: FileModel): readonly RenderedService[] {
    return this.rendered.get(file.relativePath) ?? [];
  }

  /**
   * The Services of each environment's kustomization (mapped by the setting, or in a folder named after the
   * environment), and of the others that no kustomization lists, for every environment.
   */
  portsAt(environmentNames: ReadonlySet<string>): ServicePortAt[] {
    const found: ServicePortAt[] = [];
    for (const file of this.kustomizationFiles()) {
      const folder = folderOf(file.relativePath).split('/').pop() ?? '';
      const env = file.env ?? (environmentNames.has(folder) ? folder : undefined);
      // A base is read through the overlays that list it; an environment's overlay stands for itself too.
      if (this.consumed.has(file) && env === undefined) continue;
      for (const service of this.servicesOf(file)) {
        if (service.unknownPorts) continue;
        for (const port of service.ports) {
          const nodePort = port.nodePort;
          if (!nodePort) continue;
          const span = nodePort.span;
          const fact: ServicePortFact = { span, protocol: port.protocol, nodePort: { value: nodePort.value, span }, ...(port.name !== undefined ? { name: port.name } : {}), ...(port.port !== undefined ? { port: port.port } : {}) };
          const serviceFact: ServiceFact = {
            name: { value: service.name, span },
            ...(service.type ? { type: { value: service.type.value, span } } : {}),
            ...(service.namespace !== undefined ? { namespace: service.namespace } : {}),
            ports: [fact],
            anchor: span,
            extent: span,
          };
          found.push({ file: nodePort.file, service: serviceFact, port: fact, ...(env !== undefined ? { env } : {}) });
        }
      }
    }
    return found;
  }

  private render(file: FileModel, depth: number, visiting: Set<FileModel>): RenderedService[] {
    const done = this.rendered.get(file.relativePath);
    if (done) return done;
    const facts = file.kustomization;
    if (!facts || depth > MAX_DEPTH || visiting.has(file)) return [];
    visiting.add(file);
    const folder = folderOf(file.relativePath);
    let services: RenderedService[] = [];
    for (const resource of facts.resources) {
      if (/^[a-z]+:\/\/|^git@/.test(resource)) continue;
      const path = joinPath(folder, resource);
      const nested = this.kustomizationIn(path);
      if (nested) {
        this.consumed.add(nested);
        services.push(...this.render(nested, depth + 1, visiting));
        continue;
      }
      const resourceFile = this.byPath.get(path);
      if (!resourceFile) continue;
      this.consumed.add(resourceFile);
      for (const service of resourceFile.services) services.push(fromFact(resourceFile, service));
    }
    for (const patch of facts.patches) services = this.applyPatch(file, folder, patch, services);
    services = services.map((service) => ({
      ...service,
      name: `${facts.namePrefix ?? ''}${service.name}${facts.nameSuffix ?? ''}`,
      ...(facts.namespace !== undefined ? { namespace: facts.namespace } : {}),
    }));
    visiting.delete(file);
    this.rendered.set(file.relativePath, services);
    return services;
  }

  private kustomizationIn(folder: string): FileModel | undefined {
    for (const name of KUSTOMIZATION_NAMES) {
      const found = this.byPath.get(folder === '.' ? name : `${folder}/${name}`);
      if (found?.kustomization) return found;
    }
    return undefined;
  }

  private applyPatch(kustomization: FileModel, folder: string, patch: PatchFact, services: RenderedService[]): RenderedService[] {
    const source = patch.path !== undefined ? this.byPath.get(joinPath(folder, patch.path)) : kustomization;
    if (!source) return services;
    if (patch.path !== undefined) {
      this.consumed.add(source);
      this.patchFiles.add(source);
    }
    const patchServices = patch.path !== undefined ? source.services : patch.services;
    const operations = patch.path !== undefined ? (source.operations ?? []) : patch.operations;
    let result = services;
    for (const patchService of patchServices) {
      const target: PatchTarget = patch.target ?? { kind: 'Service', ...(patchService.name ? { name: patchService.name.value } : {}) };
      result = result.map((service) => (matches(service, target) ? mergeService(service, patchService, source) : service));
    }
    if (operations.length) result = result.map((service) => (matches(service, patch.target ?? {}) ? applyOperations(service, operations, source) : service));
    return result;
  }
}

function fromFact(file: FileModel, service: ServiceFact): RenderedService {
  const name = service.name?.value ?? '';
  return {
    name,
    originalName: name,
    ...(service.namespace !== undefined ? { namespace: service.namespace } : {}),
    ...(service.type ? { type: { value: service.type.value, file, span: service.type.span } } : {}),
    ports: service.ports.map((port) => portOf(file, port)),
  };
}

function portOf(file: FileModel, port: ServicePortFact): RenderedPort {
  return {
    protocol: port.protocol,
    ...(port.port !== undefined ? { port: port.port } : {}),
    ...(port.name !== undefined ? { name: port.name } : {}),
    ...(port.nodePort ? { nodePort: { value: port.nodePort.value, file, span: port.nodePort.span } } : {}),
  };
}

function matches(service: RenderedService, target: PatchTarget): boolean {
  if (target.kind !== undefined && target.kind !== 'Service') return false;
  if (target.name !== undefined && !nameMatches(target.name, service)) return false;
  return target.namespace === undefined || target.namespace === service.namespace;
}

/** Kustomize reads a target's name as a regular expression; a patch's own name as the resource's name. */
function nameMatches(pattern: string, service: RenderedService): boolean {
  let expression: RegExp;
  try {
    expression = new RegExp(`^(?:${pattern})$`);
  } catch {
    return pattern === service.name || pattern === service.originalName;
  }
  return expression.test(service.name) || expression.test(service.originalName);
}

/** A strategic merge: ports are merged by `port` (their merge key); a port without one is not applied. */
function mergeService(service: RenderedService, patch: ServiceFact, file: FileModel): RenderedService {
  const rest = [...service.ports];
  // kustomize lists the patch's ports first, in its order, then the others as they were.
  const first: RenderedPort[] = [];
  let unordered = service.unordered === true;
  for (const patchPort of patch.ports) {
    if (patchPort.port === undefined) {
      unordered = true;
      continue;
    }
    const index = rest.findIndex((port) => port.port === patchPort.port && port.protocol === patchPort.protocol);
    const patched = portOf(file, patchPort);
    const base = rest[index];
    if (index >= 0) rest.splice(index, 1);
    first.push(base ? { ...base, ...patched } : patched);
  }
  const ports = patch.ports.length ? [...first, ...rest] : service.ports;
  return { ...service, ports, ...(unordered ? { unordered } : {}), ...(patch.type ? { type: { value: patch.type.value, file, span: patch.type.span } } : {}) };
}

/** The JSON 6902 operations on a Service's type and node ports; others do not change what the chain reads. */
function applyOperations(service: RenderedService, operations: readonly JsonPatchOperation[], file: FileModel): RenderedService {
  let result = service;
  for (const operation of operations) {
    if (operation.path === '/spec/type' && operation.value && (operation.op === 'replace' || operation.op === 'add')) {
      result = { ...result, type: { value: operation.value.value, file, span: operation.value.span } };
      continue;
    }
    const port = /^\/spec\/ports\/(\d+|-)\/nodePort$/.exec(operation.path);
    const index = port?.[1] === '-' ? result.ports.length - 1 : Number(port?.[1]);
    const target = result.ports[index];
    if (!port || !target) continue;
    if (result.unordered) {
      result = { ...result, unknownPorts: true };
      continue;
    }
    const ports = [...result.ports];
    if (operation.op === 'remove') {
      ports[index] = { protocol: target.protocol, ...(target.port !== undefined ? { port: target.port } : {}), ...(target.name !== undefined ? { name: target.name } : {}) };
    } else if ((operation.op === 'replace' || operation.op === 'add') && operation.value && /^\d+$/.test(operation.value.value)) {
      const value = Number(operation.value.value);
      // 0 is the zero value: the cluster allocates the port.
      ports[index] = value === 0 ? { ...target, nodePort: undefined } : { ...target, nodePort: { value, file, span: operation.value.span } };
    }
    result = { ...result, ports };
  }
  return result;
}

function folderOf(relativePath: string): string {
  const index = relativePath.lastIndexOf('/');
  return index < 0 ? '.' : relativePath.slice(0, index);
}

/** `base/../overlays/x` as a path relative to the workspace; `.` for its root. */
export function joinPath(folder: string, relative: string): string {
  const parts = folder === '.' ? [] : folder.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/') || '.';
}
