import type { Settings } from '../settings';
import { buildFileModel, mayHoldService, prepared, type FileInput, type FileModel, type PreparedFileModel } from './fileModel';
import type { FileContent } from '../model/files';
import { fastModel } from './fastModel';

/** What building a file's model needs besides its content: where it is, and what the settings make of it. */
export type FileDescriptor = Omit<FileInput, 'text' | 'skipReason'>;

/** The model of one file, or undefined when the index does not keep it (a manifest that declares no Service). */
export function modelOf(descriptor: FileDescriptor, content: FileContent, settings: Settings, previous?: FileModel): FileModel | undefined {
  if (descriptor.kind === 'kubernetes' && content.skipReason === undefined && !mayHoldService(content.text)) return undefined;
  const input = { ...descriptor, text: content.text };
  return buildFileModel(content.skipReason === undefined ? input : { ...input, skipReason: content.skipReason }, settings, previous);
}

/**
 * The same model as plain data, as a worker thread builds it for `Workspace.stagePrepared`: a file no one has
 * open, read by the fast reader unless the settings ask for the `yaml` path (or the fast reader declines it).
 */
export function prepareModel(descriptor: FileDescriptor, content: FileContent, settings: Settings): PreparedFileModel | undefined {
  if (settings.coldReader === 'fast') {
    const fast = fastModel(descriptor, content, settings);
    if (fast === undefined || !('declined' in fast)) return fast;
  }
  const model = modelOf(descriptor, content, settings);
  return model && prepared(model);
}
