import type { Settings } from '../settings';
import { buildFileModel, mayHoldService, prepared, type FileInput, type FileModel, type PreparedFileModel } from './fileModel';
import type { FileContent } from '../model/files';

/** What building a file's model needs besides its content: where it is, and what the settings make of it. */
export type FileDescriptor = Omit<FileInput, 'text' | 'skipReason'>;

/** The model of one file, or undefined when the index does not keep it (a manifest that declares no Service). */
export function modelOf(descriptor: FileDescriptor, content: FileContent, settings: Settings, previous?: FileModel): FileModel | undefined {
  if (descriptor.kind === 'kubernetes' && content.skipReason === undefined && !mayHoldService(content.text)) return undefined;
  const input = { ...descriptor, text: content.text };
  return buildFileModel(content.skipReason === undefined ? input : { ...input, skipReason: content.skipReason }, settings, previous);
}

/** The same model as plain data, as a worker thread builds it for `Workspace.stagePrepared`. */
export function prepareModel(descriptor: FileDescriptor, content: FileContent, settings: Settings): PreparedFileModel | undefined {
  const model = modelOf(descriptor, content, settings);
  return model && prepared(model);
}
