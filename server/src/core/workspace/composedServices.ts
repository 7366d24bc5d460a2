import { helmServices } from '../rules/helm';
import { Kustomizations } from '../rules/kustomize';
import { ServiceIndex, type ServiceDelta, type ServicePortAt } from '../rules/view';
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

/** The Service index as the workspace keeps it across commits, with what composing the Services found. */
export class ComposedServices {
  /** Whether the last index held composed Services: those are rebuilt whole. */
  private composed = false;
  private patchFiles: ReadonlySet<FileModel> = new Set();

  /**
   * The new index, and the delta the chains may be re-linked by (none once Services are composed: they come
   * from several files at once). The patch files, before and after, are added to `touched`: their missing
   * fields are reported or not by what lists them.
   */
  index(serviceFiles: readonly FileModel[], environmentIds: readonly string[], previous: ServiceIndex, delta: ServiceDelta | undefined, touched: Set<string>): { index: ServiceIndex; delta: ServiceDelta | undefined } {
    const { alone, derived, composed, patchFiles } = composeServices(serviceFiles, environmentIds);
    for (const file of [...this.patchFiles, ...patchFiles]) touched.add(file.path);
    const whole = composed || this.composed;
    this.composed = composed;
    this.patchFiles = patchFiles;
    const kept = whole ? undefined : delta;
    return { index: new ServiceIndex(alone, kept && { index: previous, delta: kept }, derived), delta: kept };
  }

  /** A file a kustomization reads as a patch: a partial object, whose required fields may be absent. */
  isPatch(file: FileModel): boolean {
    return this.patchFiles.has(file);
  }
}
