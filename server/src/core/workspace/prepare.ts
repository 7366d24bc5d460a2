import type { Settings } from '../settings';
import { chartRoleOf } from '../model/chart';
import { isKustomizationPath, mayHoldJsonPatch } from '../model/kustomization';
import { buildFileModel, mayHoldService, prepared, type FileInput, type FileModel, type PreparedFileModel } from './fileModel';
import type { FileContent } from '../model/files';
import { fastModel } from './fastModel';
import { inventoryEnvironment } from './classify';
import { isIniInventory, isYamlInventory } from '../model/inventoryShape';

/** What building a file's model needs besides its content: where it is, and what the settings make of it. */
export type FileDescriptor = Omit<FileInput, 'text' | 'skipReason'>;

/** The model of one file, or undefined when the index does not keep it (a manifest that declares no Service). */
export function modelOf(described: FileDescriptor, content: FileContent, settings: Settings, previous?: FileModel): FileModel | undefined {
  const descriptor = byContent(described, content);
  if (descriptor === undefined) return undefined;
  if (descriptor.kind === 'kubernetes' && content.skipReason === undefined && !mayHoldService(content.text) && !isChartSetting(descriptor.relativePath, content.text)) return undefined;
  const input = { ...descriptor, text: content.text };
  return buildFileModel(content.skipReason === undefined ? input : { ...input, skipReason: content.skipReason }, settings, previous);
}

/**
 * The same model as plain data, as a worker thread builds it for `Workspace.stagePrepared`: a file no one has
 * open, read by the fast reader unless the settings ask for the `yaml` path (or the fast reader declines it).
 */
export function prepareModel(described: FileDescriptor, content: FileContent, settings: Settings): PreparedFileModel | undefined {
  const descriptor = byContent(described, content);
  if (descriptor === undefined) return undefined;
  if (settings.coldReader === 'fast') {
    const fast = fastModel(descriptor, content, settings);
    if (fast === undefined || !('declined' in fast)) return fast;
  }
  const model = modelOf(descriptor, content, settings);
  return model && prepared(model);
}

/**
 * What the content makes of a file: a YAML file shaped as an inventory is one, wherever it is (its folder is its
 * environment); a file only named like an inventory is kept if it is one. Undefined for a file not to keep.
 */
export function byContent(descriptor: FileDescriptor, content: FileContent): FileDescriptor | undefined {
  const { byContent: confirm, ...rest } = descriptor;
  if (content.skipReason !== undefined) return confirm ? undefined : descriptor;
  if (confirm) return isIniInventory(content.text) || isYamlInventory(content.text) ? rest : undefined;
  if (descriptor.kind === 'kubernetes' && isYamlInventory(content.text)) return { ...rest, kind: 'inventory', env: inventoryEnvironment(descriptor.relativePath) };
  return descriptor;
}

/**
 * Kept without a Service, for the Services that read them: a chart's Chart.yaml and values files, a
 * kustomization, a JSON 6902 patch.
 */
function isChartSetting(relativePath: string, text: string): boolean {
  const role = chartRoleOf(relativePath)?.role;
  return role === 'chart' || role === 'values' || isKustomizationPath(relativePath) || mayHoldJsonPatch(text);
}
