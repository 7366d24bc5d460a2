import { helmServices } from '../rules/helm';
import { Kustomizations } from '../rules/kustomize';
import type { ServicePortAt } from '../rules/view';
import { environmentName } from './classify';
import type { FileModel } from './fileModel';

/**
 * The Services the index reads: manifests read alone (not listed by a kustomization), and those composed
 * from several files (a chart's templates and values, a kustomization's resources and patches).
 */
export function composeServices(serviceFiles: readonly FileModel[], environmentIds: readonly string[]): { alone: FileModel[]; derived: ServicePortAt[]; composed: boolean; patchFiles: ReadonlySet<FileModel> } {
  const kustomizations = new Kustomizations(serviceFiles);
  const environments = new Set(environmentIds.flatMap((id) => [id, environmentName(id)]));
  const derived = [...helmServices(serviceFiles), ...kustomizations.portsAt(environments)];
  const alone = kustomizations.consumed.size ? serviceFiles.filter((file) => !kustomizations.consumed.has(file)) : [...serviceFiles];
  return { alone, derived, composed: derived.length > 0 || kustomizations.consumed.size > 0, patchFiles: kustomizations.patchFiles };
}
