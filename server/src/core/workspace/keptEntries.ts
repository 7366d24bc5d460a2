import type { Settings } from '../settings';
import type { FileContent, LocalProblem, PreparedFileModel } from '../model/files';
import { splitBlocks, topLevelKey } from '../yaml/blocks';
import { pushTo } from '../util';
import type { BlockFacts } from './blockFacts';
import { joinedFacts, prepared, VAULT_HEADER } from './fileModel';
import { blockKindOf, factsByEntry } from './lazyBlocks';
import { prepareModel, type FileDescriptor } from './prepare';

// A warm start with one large file changed (a routes.yml of 25,000 lines, edited in one entry) built it whole
// again, for as long as reading the model cache took. Its entries' marks, kept with its model, let the next start
// read only the entries whose text changed, and take the facts kept of the others.

/** Each top-level entry of a file as a cold index read it: where it began, its length, and its text's hash. */
export type EntryMarks = readonly (readonly [start: number, length: number, hash: string])[];

/** Smaller files are built again whole in less time than their entries take to be marked. */
const MIN_CHARS = 64 * 1024;

/** The marks of a model's entries, for a large file read entry by entry that has no problem of its own. */
export function entryMarks(model: PreparedFileModel, hash: (text: string) => string, minChars = MIN_CHARS): EntryMarks | undefined {
  if (model.text.length < minChars || !blockKindOf(model) || model.parse !== 'entries' || model.problems.length > 0 || model.encrypted) return undefined;
  return marked.get(model) ?? splitBlocks(model.text)?.map((piece) => [piece.start, piece.text.length, hash(piece.text)] as const);
}

/** The marks a model built from kept entries found as it was built: cutting and hashing a large file again cost 10 ms. */
const marked = new WeakMap<PreparedFileModel, EntryMarks>();

/**
 * The model of a file whose text is no longer the one `kept` was built from: the facts kept of each entry whose
 * text is one of the marked, moved to where it is now, and the others read alone, as the cold index reads a file.
 * Undefined when that could differ from building the file whole (a problem in it, a top-level key twice, an entry
 * ending in a comment that is no longer where it was): the caller then builds it whole.
 */
export function modelFromKeptEntries(descriptor: FileDescriptor, content: FileContent, settings: Settings, kept: Omit<PreparedFileModel, 'text'>, marks: EntryMarks, hash: (text: string) => string): PreparedFileModel | undefined {
  const kind = blockKindOf(descriptor);
  const { text } = content;
  if (!kind || descriptor.byContent || kept.kind !== kind || kept.parse !== 'entries' || kept.problems.length > 0) return undefined;
  if (content.skipReason !== undefined || text.length > settings.maxFileSize || VAULT_HEADER.test(text)) return undefined;
  const pieces = splitBlocks(text);
  const facts = pieces && factsByEntry(kept, kind, marks.map(([start]) => start));
  if (!pieces || !facts) return undefined;
  const unused = new Map<string, number[]>();
  marks.forEach(([, length, digest], index) => pushTo(unused, `${length}:${digest}`, index));
  const keys = new Set<string>();
  const parts: BlockFacts[] = [];
  const now: [number, number, string][] = [];
  for (const [at, piece] of pieces.entries()) {
    const key = topLevelKey(piece.text)?.name;
    if (key === undefined || keys.has(key)) return undefined;
    keys.add(key);
    const digest = hash(piece.text);
    now.push([piece.start, piece.text.length, digest]);
    const index = unused.get(`${piece.text.length}:${digest}`)?.shift();
    const mark = index === undefined ? undefined : marks[index];
    const keptFacts = index === undefined ? undefined : facts[index];
    // An entry read alone is read as the last of a file. One that ends in a comment has a longer range there
    // than before another entry: its facts hold only where it is the last as it was when they were read.
    const wasLast = mark ? index === marks.length - 1 : true;
    if (endsInComment(piece.text) && wasLast !== (at === pieces.length - 1)) return undefined;
    if (mark && keptFacts) {
      parts.push(moved(keptFacts, piece.start - mark[0]));
      continue;
    }
    const alone = prepareModel(descriptor, { text: piece.text }, settings);
    if (!alone || alone.kind !== kind || alone.parse !== 'entries' || alone.problems.length > 0 || alone.encrypted) return undefined;
    parts.push(moved(factsOf(alone), piece.start));
  }
  const problems: LocalProblem[] = [];
  const model = { ...descriptor, text, parse: 'entries' as const, problems, services: [], ...joinedFacts(parts, kind, problems) };
  if (problems.length) return undefined;
  const built = prepared(model);
  marked.set(built, now);
  return built;
}

function factsOf(model: PreparedFileModel): BlockFacts {
  return {
    routes: model.routes?.entries ?? [],
    proxy: model.proxy?.entries ?? [],
    ...(model.proxy?.targetGroup ? { targetGroup: model.proxy.targetGroup } : {}),
    variables: model.variables,
    templates: model.templates,
    schema: model.problems,
  };
}

/** The facts with every span moved by `delta`, in place: they are this file's alone (read from the cache or now). */
function moved(facts: BlockFacts, delta: number): BlockFacts {
  if (delta === 0) return facts;
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record['start'] === 'number' && typeof record['end'] === 'number' && Object.keys(record).length === 2) {
      record['start'] += delta;
      record['end'] += delta;
      return;
    }
    for (const key in record) visit(record[key]);
  };
  visit(facts);
  return facts;
}

function endsInComment(text: string): boolean {
  const lines = text.trimEnd().split('\n');
  return lines[lines.length - 1]?.trimStart().startsWith('#') ?? false;
}
