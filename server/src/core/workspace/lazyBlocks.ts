import type { Located, ProxyEntryFact, RouteEntryFact, VariableFact } from '../model/facts';
import type { TemplateExpression } from '../jinja/template';
import type { FileModel, LocalProblem } from '../model/files';
import type { Span } from '../types';
import { duplicateTopLevelKeys, isBlockParsed, splitBlocks, unparsedBlock, type Block } from '../yaml/blocks';
import { documentsOfBlocks } from '../yaml/parse';
import { duplicateKeys } from '../yaml/duplicateKeys';
import { keepFacts, keptFacts, readBlockFacts, type BlockFacts, type BlockKind } from './blockFacts';

/**
 * A file the cold index read whole (on a worker, by the fast reader or by `yaml`), cut into its entries without
 * parsing them: each entry is given the facts of the index that fall in it, the very objects the file's model
 * holds, so that nothing needs re-checking. Its first edit then parses only the entries it touches, and the
 * others are parsed in idle time (verifyEntries). Undefined for a file that is not read entry by entry, or that
 * has YAML errors (its entries' problems are not known without parsing them).
 */
export function entriesOfIndexed(file: FileModel): Block[] | undefined {
  const kind = blockKindOf(file);
  if (!kind || file.parse !== 'entries' || file.blocks || file.documents) return undefined;
  if (file.problems.some((problem) => problem.code === 'yaml-syntax' || problem.code === 'file-skipped')) return undefined;
  const pieces = splitBlocks(file.text);
  if (!pieces?.length) return undefined;
  const facts = factsByEntry(file, kind, pieces.map((piece) => piece.start));
  if (!facts) return undefined;
  const blocks = pieces.map((piece, index) => {
    const block = unparsedBlock(piece.text, piece.start, { problems: [] });
    const entry = facts[index];
    if (entry) keepFacts(block, kind, entry);
    return block;
  });
  // Reads every entry's key now, as each edit checks them (and a duplicate would have been a YAML error).
  return duplicateTopLevelKeys(blocks).length ? undefined : blocks;
}

/**
 * The facts of a file read whole, shared out to its entries, which begin at `starts` (ascending): the very
 * objects the model holds. Undefined when one falls before the first entry.
 */
export function factsByEntry(file: Pick<FileModel, 'routes' | 'proxy' | 'variables' | 'templates' | 'problems'>, kind: BlockKind, starts: readonly number[]): BlockFacts[] | undefined {
  const buckets = starts.map(() => ({ routes: [] as RouteEntryFact[], proxy: [] as ProxyEntryFact[], variables: [] as VariableFact[], templates: [] as TemplateExpression[], schema: [] as LocalProblem[], targetGroup: undefined as Located<string> | undefined }));
  // The last entry that starts at or before the offset; -1 before the first.
  const bucketOf = (span: Span): (typeof buckets)[number] | undefined => {
    let low = -1;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? Infinity) <= span.start) low = middle;
      else high = middle - 1;
    }
    return buckets[low];
  };
  const place = <T>(items: readonly T[], spanOf: (item: T) => Span, into: (bucket: (typeof buckets)[number]) => T[]): boolean => {
    for (const item of items) {
      const bucket = bucketOf(spanOf(item));
      if (!bucket) return false;
      into(bucket).push(item);
    }
    return true;
  };
  const placed =
    place(file.routes?.entries ?? [], (entry) => entry.entrySpan, (bucket) => bucket.routes) &&
    place(file.proxy?.entries ?? [], (entry) => entry.entrySpan, (bucket) => bucket.proxy) &&
    place(file.variables, (variable) => variable.keySpan, (bucket) => bucket.variables) &&
    place(file.templates, (template) => template.span, (bucket) => bucket.templates) &&
    place(file.problems, (problem) => problem.span, (bucket) => bucket.schema);
  if (!placed) return undefined;
  const targetGroup = file.proxy?.targetGroup;
  if (targetGroup) {
    const bucket = bucketOf(targetGroup.span);
    if (!bucket) return undefined;
    bucket.targetGroup = targetGroup;
  }
  return buckets.map((bucket) => factsOf(kind, bucket));
}

/** The facts in the shape readBlockFacts gives them for `kind`. */
function factsOf(kind: BlockKind, bucket: Omit<BlockFacts, 'targetGroup'> & { targetGroup: Located<string> | undefined }): BlockFacts {
  const none: readonly never[] = [];
  if (kind === 'vars') return { routes: none, proxy: none, variables: bucket.variables, templates: none, schema: bucket.schema };
  if (kind === 'routes') return { routes: bucket.routes, proxy: none, variables: none, templates: bucket.templates, schema: bucket.schema };
  return { routes: none, proxy: bucket.proxy, ...(bucket.targetGroup ? { targetGroup: bucket.targetGroup } : {}), variables: none, templates: bucket.templates, schema: bucket.schema };
}

/** Gives the model its entries (entriesOfIndexed): what it shows does not change, its next edit reuses them. */
export function adoptEntries(file: FileModel, blocks: readonly Block[]): void {
  Object.defineProperties(file, {
    blocks: { value: blocks, writable: true, enumerable: true, configurable: true },
    // As buildFileModel's: reading them all parses every entry, only for a feature that asks.
    documents: { get: () => documentsOfBlocks(blocks), enumerable: true, configurable: true },
  });
}

/**
 * Parses with `yaml` the file's entries not parsed yet, while `more()` says so, and checks that each has the facts
 * it was given and no YAML problem. Returns whether all are parsed, and whether any entry was found to differ: its
 * facts and problems are then the ones read now, and the file must be built again from its entries.
 */
export function verifyEntries(file: FileModel, more: () => boolean): { done: boolean; differs: boolean } {
  const kind = blockKindOf(file);
  let differs = false;
  for (const block of file.blocks ?? []) {
    if (isBlockParsed(block)) continue;
    if (!more()) return { done: false, differs };
    const given = kind ? keptFacts(block, kind) : undefined;
    const read = kind ? readBlockFacts(block, kind) : undefined;
    if (kind && read && !(given && sameData(given, read))) {
      keepFacts(block, kind, read);
      differs = true;
    }
    if (block.parsed.some((document) => document.errors.length > 0 || duplicateKeys(document).length > 0)) {
      // Read again, as blockProblems reads them, by the next build of the file.
      delete block.memo.problems;
      differs = true;
    }
  }
  return { done: true, differs };
}

export function blockKindOf(file: Pick<FileModel, 'kind'>): BlockKind | undefined {
  return file.kind === 'routes' || file.kind === 'proxy' || file.kind === 'vars' ? file.kind : undefined;
}

/** Deep equality of plain data (facts): the same own keys, whatever their order, and the same values. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && sameData(left[key], right[key]));
}
