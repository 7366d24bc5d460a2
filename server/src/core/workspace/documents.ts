import type { Document } from 'yaml';
import { firstIndexWhere } from '../util';
import { blockDocuments, type Block } from '../yaml/blocks';
import { parseYaml, parseYamlIncrementally } from '../yaml/parse';
import type { FileModel } from '../model/files';

interface Parsed {
  /** What the nodes were parsed from: the Workspace updates a model in place, so the key alone cannot tell. */
  readonly text: string;
  readonly parse: FileModel['parse'];
  readonly documents: readonly Document.Parsed[];
  readonly blocks?: readonly Block[];
}

const lazy = new WeakMap<FileModel, Parsed>();

/**
 * The parsed documents of a file. A model built in a worker thread has none: they are parsed here on first use,
 * the same way `buildFileModel` parses, and kept until the file's text changes.
 */
export function documentsOf(file: FileModel): readonly Document.Parsed[] {
  if (file.documents) return file.documents;
  const cached = current(file);
  if (cached) return cached.documents;
  const parsed = parse(file);
  lazy.set(file, parsed);
  return parsed.documents;
}

/**
 * The documents that may hold `offset`. In a file parsed entry by entry, those of the entry at the offset and of
 * the one before it (a range ends where the next entry starts): a keystroke moves every later entry, and reading
 * all the documents would move all their nodes on each completion request.
 */
export function documentsAround(file: FileModel, offset: number): readonly Document.Parsed[] {
  const blocks = file.blocks;
  if (!blocks?.length) return documentsOf(file);
  // The last entry starting at or before the offset.
  const low = Math.max(0, firstIndexWhere(blocks.length, (index) => (blocks[index]?.start ?? 0) > offset) - 1);
  const found: Document.Parsed[] = [];
  for (let index = Math.max(0, low - 1); index <= low; index++) {
    const block = blocks[index];
    if (block) found.push(...blockDocuments(block));
  }
  return found;
}

/**
 * Drops the nodes parsed on first use (see documentsOf), as when the editor closes a file indexed by a worker:
 * a long session opens every file sooner or later, and keeping their nodes would hold the parse of the whole
 * workspace.
 */
export function forgetParsed(file: FileModel | undefined): void {
  if (file) lazy.delete(file);
}

/** The entries of the file parsed one by one, if they are at hand; never parses (the caller would parse anyway). */
export function blocksAtHand(file: FileModel): readonly Block[] | undefined {
  // Not through `documents`: on a model parsed entry by entry, reading them moves every entry's nodes.
  return file.blocks ?? current(file)?.blocks;
}

function current(file: FileModel): Parsed | undefined {
  const cached = lazy.get(file);
  return cached && cached.text === file.text && cached.parse === file.parse ? cached : undefined;
}

function parse(file: FileModel): Parsed {
  const base = { text: file.text, parse: file.parse };
  if (file.parse === 'none') return { ...base, documents: [] };
  if (file.parse === 'whole') return { ...base, documents: parseYaml(file.text).documents };
  const parsed = parseYamlIncrementally(file.text, undefined);
  return { ...base, documents: parsed.documents, ...(parsed.blocks ? { blocks: parsed.blocks } : {}) };
}
