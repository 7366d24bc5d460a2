import { helmServices } from '../rules/helm';
import { Kustomizations } from '../rules/kustomize';
import { namesOf, ServiceIndex, type ServiceDelta, type ServicePortAt } from '../rules/view';
import { pushTo } from '../util';
import { environmentName } from './classify';
import type { FileModel } from './fileModel';

/**
 * The Services the index reads: manifests read alone (not listed by a kustomization), and those composed
 * from several files (a chart's templates and values, a kustomization's resources and patches).
 */
export function composeServices(serviceFiles: readonly FileModel[], environmentIds: readonly string[]): { alone: readonly FileModel[]; derived: ServicePortAt[]; composed: boolean; patchFiles: ReadonlySet<FileModel> } {
  // A keystroke in one manifest of a large repository re-indexes the Services: without charts or kustomizations,
  // one pass over the files is all this costs.
  const hasChart = serviceFiles.some((file) => file.chart !== undefined);
  const hasKustomization = serviceFiles.some((file) => file.kustomization !== undefined);
  if (!hasChart && !hasKustomization) return { alone: serviceFiles, derived: [], composed: false, patchFiles: new Set() };
  const kustomizations = new Kustomizations(hasKustomization ? serviceFiles : []);
  const environments = new Set(environmentIds.flatMap((id) => [id, environmentName(id)]));
  const derived = [...(hasChart ? helmServices(serviceFiles) : []), ...kustomizations.portsAt(environments)];
  const alone = kustomizations.consumed.size ? serviceFiles.filter((file) => !kustomizations.consumed.has(file)) : serviceFiles;
  return { alone, derived, composed: derived.length > 0 || kustomizations.consumed.size > 0, patchFiles: kustomizations.patchFiles };
}

/** What a Service index change may reach: the delta, and the environments (undefined: all of them). */
export interface ServiceChange {
  readonly index: ServiceIndex;
  readonly delta: ServiceDelta | undefined;
  readonly environments?: ReadonlySet<string>;
}

/** The Service index as the workspace keeps it across commits, with what composing the Services found. */
export class ComposedServices {
  /** Whether the last index held composed Services. */
  private composed = false;
  private patchFiles: ReadonlySet<FileModel> = new Set();
  /** The composed Services of the last index by what a chain or a message reads of them, to tell which changed. */
  private bySignature = new Map<string, ServicePortAt[]>();
  private alone: ReadonlySet<FileModel> = new Set();
  /** The environments the last index mapped overlays by (an overlay folder named after one is its). */
  private environments = '';

  /** Whether environments came or went since the last index, which may map overlays to other environments. */
  staleFor(environmentIds: readonly string[]): boolean {
    return this.composed && environmentIds.join('\n') !== this.environments;
  }

  /**
   * The new index, the delta the chains may be re-linked by, and the environments whose chains it may reach.
   * Composed Services are made again from their files on every change, but those that read the same as before
   * are kept (the same objects, so that chains kept elsewhere still point into the index): only the chains the
   * others reach are re-linked, in the environments they belong to. The patch files, before and after, are
   * added to `touched`: their missing fields are reported or not by what lists them.
   */
  *index(serviceFiles: readonly FileModel[], environmentIds: readonly string[], previous: ServiceIndex, staged: ServiceDelta | undefined, touched: Set<string>): Generator<undefined, ServiceChange, undefined> {
    const { alone, derived, composed, patchFiles } = composeServices(serviceFiles, environmentIds);
    this.environments = environmentIds.join('\n');
    for (const file of [...this.patchFiles, ...patchFiles]) touched.add(file.path);
    const wasComposed = this.composed;
    this.composed = composed;
    this.patchFiles = patchFiles;
    if (!composed && !wasComposed) return { index: yield* ServiceIndex.inSteps(alone, staged && { index: previous, delta: staged }), delta: staged };

    const before = this.bySignature;
    const wasAlone = this.alone;
    this.bySignature = new Map();
    this.alone = new Set(alone);
    const kept: ServicePortAt[] = [];
    const changed: ServicePortAt[] = [];
    for (const at of derived) {
      const key = signature(at);
      const same = before.get(key)?.pop();
      if (!same) changed.push(at);
      kept.push(same ?? at);
      pushTo(this.bySignature, key, same ?? at);
    }
    for (const left of before.values()) changed.push(...left);
    const index = new ServiceIndex(alone, undefined, kept);
    if (!staged) return { index, delta: undefined };

    // Manifests a kustomization started or stopped listing enter or leave the index without changing.
    const moved = [...alone.filter((file) => !wasAlone.has(file)), ...[...wasAlone].filter((file) => !this.alone.has(file))];
    const files = new Set([...staged.files, ...moved, ...changed.flatMap((at) => [at.file, ...(at.template ? [at.template.file] : [])])]);
    const nodePorts = new Set(staged.nodePorts);
    const names = new Set(staged.names);
    for (const at of changed) {
      if (at.port?.nodePort) nodePorts.add(at.port.nodePort.value);
      for (const name of namesOf(at.service)) names.add(name);
    }
    for (const file of moved) {
      for (const service of file.services) {
        for (const port of service.ports) if (port.nodePort) nodePorts.add(port.nodePort.value);
        for (const name of namesOf(service)) names.add(name);
      }
    }
    // A manifest read alone belongs to its mapped environment or to all; a composed Service to its own. A chart's
    // or a kustomization's own files are read alone too, but hold no Service of their own.
    const derivedBefore = new Set(previous.derived);
    const hadServices = new Set(previous.all.filter((at) => !derivedBefore.has(at)).map((at) => at.file));
    const manifests = [...staged.files].filter((file) => (this.alone.has(file) || wasAlone.has(file)) && (file.services.length > 0 || hadServices.has(file)));
    const owners = [...changed.map((at) => at.env ?? at.file.env), ...moved.map((file) => file.env), ...manifests.map((file) => file.env)];
    const environments = owners.includes(undefined) ? undefined : new Set(environmentIds.filter((id) => owners.some((owner) => owner === id || owner === environmentName(id))));
    return { index, delta: { files, nodePorts, names }, ...(environments ? { environments } : {}) };
  }

  /** A file a kustomization reads as a patch: a partial object, whose required fields may be absent. */
  isPatch(file: FileModel): boolean {
    return this.patchFiles.has(file);
  }
}

/** Everything a chain, a rule or a message reads of a composed Service port, with the lines messages quote. */
function signature(at: ServicePortAt): string {
  const { service, port, file, template } = at;
  const place = (where: FileModel, span: { start: number; end: number }): string => `${where.path}:${span.start}-${span.end}:${where.lines.lineAt(span.start)}`;
  return JSON.stringify([
    place(file, service.anchor),
    at.env ?? null,
    service.name?.value ?? null,
    service.type?.value ?? null,
    service.type ? place(file, service.type.span) : null,
    service.namespace ?? null,
    service.appLabel ?? null,
    port ? [port.name ?? null, port.port ?? null, port.protocol, port.nodePort?.value ?? null, port.nodePort ? place(file, port.nodePort.span) : null] : null,
    template ? place(template.file, template.span) : null,
  ]);
}
