import type { Settings } from '../settings';
import type { FileContent, FileInput, FileModel, LocalProblem, PreparedFileModel } from '../model/files';
import { factsOfDocuments, mayHoldService, parseModeOf, prepared } from './fileModel';
import { duplicateKeys } from '../yaml/duplicateKeys';
import { readFast } from '../fast/reader';

/** The fast reader gave up on the file: the `yaml` path reads it, and says what is wrong with it if anything is. */
export interface Declined {
  readonly declined: string;
}

/**
 * The model of a file no one has open, read by the fast reader (reader.ts), as the `yaml` path builds it
 * (prepare.ts): the same facts, spans and problems. Declined for any file the `yaml` path would not read as a
 * clean YAML file: skipped or INI files, syntax errors, duplicate keys, anything outside the reader's subset.
 */
export function fastModel(descriptor: Omit<FileInput, 'text' | 'skipReason'>, content: FileContent, settings: Settings): PreparedFileModel | undefined | Declined {
  const text = content.text;
  if (content.skipReason !== undefined || text.length > settings.maxFileSize) return { declined: 'skipped' };
  if (descriptor.kind === 'inventory') return { declined: 'an inventory' };
  if (descriptor.kind === 'kubernetes' && !mayHoldService(text)) return undefined;
  const read = readFast(text);
  if ('declined' in read) return read;
  for (const document of read.documents) if (duplicateKeys(document).length > 0) return { declined: 'duplicate keys' };
  const problems: LocalProblem[] = [];
  const facts = factsOfDocuments(descriptor.kind, read.documents, text, problems);
  const model: Omit<FileModel, 'lines'> = { ...descriptor, text, parse: parseModeOf(descriptor.kind), problems, ...facts };
  return prepared(model as FileModel);
}
