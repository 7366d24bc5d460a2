import type { Settings } from '../settings';
import type { FileContent, FileInput, FileModel, LocalProblem, PreparedFileModel } from '../model/files';
import { factsOfDocuments, mayHoldService, parseModeOf, prepared, VAULT_HEADER } from './fileModel';
import { readFast } from '../fast/reader';
import { splitBlocks } from '../yaml/blocks';
import { chartRoleOf } from '../model/chart';
import { isKustomizationPath, mayHoldJsonPatch } from '../model/kustomization';

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
  if (descriptor.kind === 'kubernetes' && (chartRoleOf(descriptor.relativePath) !== undefined || isKustomizationPath(descriptor.relativePath) || mayHoldJsonPatch(text))) {
    return { declined: 'a file of a Helm chart or a kustomization' };
  }
  // The yaml path marks a vault file encrypted rather than reading its ciphertext as a scalar.
  if (VAULT_HEADER.test(text)) return { declined: 'vault-encrypted' };
  if (descriptor.kind === 'kubernetes' && !mayHoldService(text)) return undefined;
  const read = readFast(text);
  if ('declined' in read) return read;
  const problems: LocalProblem[] = [];
  const facts = factsOfDocuments(descriptor.kind, read.documents, text, problems);
  const parse = parseModeOf(descriptor.kind);
  const model: Omit<FileModel, 'lines'> = { ...descriptor, text, parse, problems: parse === 'entries' ? inEntryOrder(problems, text) : problems, ...facts };
  return prepared(model);
}

/**
 * The problems in the order the `yaml` path finds them when it reads the file entry by entry: each entry's own,
 * entry after entry (all of the file's schema problems come before its YAML 1.1 notes when it is read whole).
 */
function inEntryOrder(problems: readonly LocalProblem[], text: string): LocalProblem[] {
  const starts = (splitBlocks(text) ?? []).map((block) => block.start);
  // The last entry that starts at or before the offset (a file of 2,000 entries may have as many problems).
  const entryOf = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? Infinity) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  return problems
    .map((problem, position) => ({ problem, position, entry: entryOf(problem.span.start) }))
    .sort((a, b) => a.entry - b.entry || a.position - b.position)
    .map(({ problem }) => problem);
}
