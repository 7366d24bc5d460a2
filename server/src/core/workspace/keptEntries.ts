import type { Settings } from '../settings';
import type { FileContent, PreparedFileModel } from '../model/files';
import { splitBlocks, unparsedBlock, type Block } from '../yaml/blocks';
import { pushTo } from '../util';
import { keepFacts } from './blockFacts';
import { prepared } from './fileModel';
import { blockKindOf, factsByEntry } from './lazyBlocks';
import { modelOf, type FileDescriptor } from './prepare';

// A warm start with one large file changed (a routes.yml of 25,000 lines, edited in one entry) built it whole
// again, for as long as reading the model cache took. Its entries' marks, kept with its model, let the next start
// build only the entries whose text changed, from the facts kept of the others.

/** Each top-level entry of a file as a cold index read it: where it began, its length, and its text's hash. */
export type EntryMarks = readonly (readonly [start: number, length: number, hash: string])[];

/** Smaller files are built again whole in less time than their entries take to be marked. */
const MIN_CHARS = 64 * 1024;

/** The marks of a model's entries, for a large file read entry by entry that has no problem of its own. */
export function entryMarks(model: PreparedFileModel, hash: (text: string) => string, minChars = MIN_CHARS): EntryMarks | undefined {
  if (model.text.length < minChars || !blockKindOf(model) || model.parse !== 'entries' || model.problems.length > 0) return undefined;
  return splitBlocks(model.text)?.map((piece) => [piece.start, piece.text.length, hash(piece.text)] as const);
}

/**
 * The model of a file whose text is no longer the one `kept` was built from: each entry whose text is one of the
 * marked is given the facts kept of it (moved to where it is now), and only the others are read. Undefined when
 * the result could differ from building the file whole (a problem in it, YAML across entries, another kind by its
 * content): the caller then builds it whole.
 */
export function modelFromKeptEntries(descriptor: FileDescriptor, content: FileContent, settings: Settings, kept: Omit<PreparedFileModel, 'text'>, marks: EntryMarks, hash: (text: string) => string): PreparedFileModel | undefined {
  const kind = blockKindOf(descriptor);
  if (!kind || kept.kind !== kind || kept.parse !== 'entries' || kept.problems.length > 0 || content.skipReason !== undefined) return undefined;
  const pieces = splitBlocks(content.text);
  const facts = pieces && factsByEntry(kept, kind, marks.map(([start]) => start));
  if (!pieces || !facts) return undefined;
  const unused = new Map<string, number[]>();
  marks.forEach(([, length, text], index) => pushTo(unused, `${length}:${text}`, index));
  const entries: Block[] = [];
  for (const piece of pieces) {
    const index = unused.get(`${piece.text.length}:${hash(piece.text)}`)?.shift();
    const mark = index === undefined ? undefined : marks[index];
    const entryFacts = index === undefined ? undefined : facts[index];
    if (!mark || !entryFacts) {
      // Read alone, an entry that ends in a comment gives its map a longer range than the file read whole does.
      if (endsInComment(piece.text)) return undefined;
      continue;
    }
    // Where it was: reusing it moves it, and the facts with it, to where it is now.
    const block = unparsedBlock(piece.text, mark[0], { problems: [] });
    keepFacts(block, kind, entryFacts);
    entries.push(block);
  }
  const model = modelOf(descriptor, content, settings, undefined, entries);
  return model && model.kind === kind && model.parse === 'entries' && model.problems.length === 0 ? prepared(model) : undefined;
}

function endsInComment(text: string): boolean {
  const lines = text.trimEnd().split('\n');
  return lines[lines.length - 1]?.trimStart().startsWith('#') ?? false;
}
