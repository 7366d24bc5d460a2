import { helmServices } from '../rules/helm';
import { Kustomizations } from '../rules/kustomize';
import type { ServicePortAt } from '../rules/view';
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
