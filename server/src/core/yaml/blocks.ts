import { Composer, Parser, type Document } from 'yaml';
import { forEachNode } from './walk';
import { PARSE_OPTIONS } from './duplicateKeys';
import type { YamlProblem } from './problem';
import { ownCopy } from '../text/source';

/**
 * One top-level entry of a file, parsed on its own. An edit before the block moves it (see moveBlock): the
 * block object stays the same, so what was read from it stays too, and only `start` changes.
 */
export interface Block {
  readonly text: string;
  /** Where the block begins in the current version of the file. */
  start: number;
  /** Parsed with ranges that are offsets into the file as it was at `parsedAt`: read them through blockDocuments. */
  readonly parsed: readonly Document.Parsed[];
  parsedAt: number;
  /**
   * What is read from the block once and kept with it: every keystroke gathers these for all the blocks of
   * the file, and a field is cheaper to reach than a WeakMap entry.
   */
  readonly memo: BlockMemo;
}

export interface BlockMemo {
  key?: { name: string; length: number } | null;
  problems?: readonly YamlProblem[];
  /** Owned by blockFacts.ts; the yaml layer does not know the facts' types. */
  facts?: unknown;
}

/**
 * The block's documents, with ranges that are offsets into the current file. Moving them is deferred to
 * here: a keystroke moves every later block, but only the blocks a feature reads are walked.
 */
export function blockDocuments(block: Block): readonly Document.Parsed[] {
  // First: an entry not parsed yet (see unparsedBlock) is parsed where it is now.
  const parsed = block.parsed;
  const delta = block.start - block.parsedAt;
  if (delta === 0) return parsed;
  for (const document of parsed) {
    shiftRange(document);
    forEachNode(document.contents, shiftRange);
    for (const error of document.errors) error.pos = [error.pos[0] + delta, error.pos[1] + delta];
  }
  block.parsedAt = block.start;
  return parsed;

  function shiftRange(holder: { range?: [number, number, number] | null }): void {
    const range = holder.range;
    if (range) holder.range = [range[0] + delta, range[1] + delta, range[2] + delta];
  }
}

/** Spans read from a block (its facts, its problems), moved with it. */
const attached = new WeakMap<Block, { start: number; end: number }[]>();

/**
 * Ties every `{ start, end }` object found in `value` (plain data: objects and arrays) to the block, so that
 * moving the block moves them in place. Objects keep their identity, which is how the rules tell an entry
 * that only moved from one that changed.
 */
export function attachSpans(block: Block, value: unknown): void {
  let list = attached.get(block);
  if (!list) attached.set(block, (list = []));
  const seen = new Set<object>(list);
  collect(value, 0);

  function collect(item: unknown, depth: number): void {
    if (typeof item !== 'object' || item === null || depth > 64 || seen.has(item)) return;
    seen.add(item);
    if (Array.isArray(item)) {
      for (const element of item) collect(element, depth + 1);
      return;
    }
    const record = item as Record<string, unknown>;
    if (typeof record['start'] === 'number' && typeof record['end'] === 'number' && Object.keys(record).length === 2) {
      list?.push(record as { start: number; end: number });
      return;
    }
    for (const key in record) collect(record[key], depth + 1);
  }
}

/**
 * Files such as a routes.yml are a long map whose top-level entries are independent. Cutting the text at
 * each top-level key lets an edit re-parse only its own entry: the `yaml` package reads about 1 MB/s, so a
 * 25,000-line file cannot be parsed whole on every keystroke. Returns undefined when the file uses YAML that
 * crosses entries (anchors and aliases, several documents, directives, a root that is not a block map); the
 * caller then parses it whole.
 */
export function splitBlocks(text: string): { text: string; start: number }[] | undefined {
  if (/(?:^|[\s,[{])[&*][^\s,[\]{}]/.test(text)) return undefined;
  const blocks: { text: string; start: number }[] = [];
  let blockStart = -1;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    const first = text.charCodeAt(lineStart);
    const isIndentedOrBlank = first === 32 || first === 9 || first === 10 || first === 13 || first === 35; // space, tab, newline, #
    if (!isIndentedOrBlank) {
      const head = text.slice(lineStart, lineStart + 3);
      // Ansible files often open with `---`: fine before the first entry, a second document after it is not.
      const documentStart = head === '---' && /^---(\s|$)/.test(text.slice(lineStart, lineStart + 4));
      if (documentStart && blockStart < 0) {
        lineStart = lineEnd;
        continue;
      }
      if (head === '---' || head === '...' || /^[%[{&*!|>?@`]/.test(head)) return undefined;
      if (first === 45 /* - */) {
        // A sequence at column 0 is fine under a key (`key:\n- a`), but not as the root.
        if (blockStart < 0) return undefined;
      } else {
        if (blockStart >= 0) blocks.push({ text: text.slice(blockStart, lineStart), start: blockStart });
        blockStart = lineStart;
      }
    }
    lineStart = lineEnd;
  }
  if (blockStart >= 0) blocks.push({ text: text.slice(blockStart), start: blockStart });
  return blocks;
}

/** Parses one block so that its node ranges and errors are offsets into the whole file. */
export function parseBlock(slice: string, start: number): Block {
  // The block and every node read from it outlive this version of the file: they must not keep all of it.
  const text = ownCopy(slice);
  return { text, start, parsed: compose(text, start), parsedAt: start, memo: {} };
}

function compose(text: string, start: number): Document.Parsed[] {
  const tokens = [...new Parser().parse(text)];
  if (start !== 0) for (const token of tokens) shiftToken(token, start);
  return [...new Composer(PARSE_OPTIONS).compose(tokens, true, start + text.length)];
}

/**
 * An entry whose text is known but not parsed yet: it is parsed by the `yaml` package on the first read of its
 * documents (blockDocuments), where it is then. Until then it stands for its text with what `memo` already holds
 * (the facts the index read of it), so a file can be cut into entries at once and parsed entry by entry in idle
 * time, and an edit meanwhile parses only the entries it touches.
 */
export function unparsedBlock(slice: string, start: number, memo: BlockMemo): Block {
  return new UnparsedBlock(ownCopy(slice), start, memo);
}

/** Whether the block's documents are parsed (always, but for an unparsedBlock not read yet). */
export function isBlockParsed(block: Block): boolean {
  return !(block instanceof UnparsedBlock) || block.isParsed;
}

class UnparsedBlock implements Block {
  private documents: Document.Parsed[] | undefined;
  parsedAt: number;

  constructor(
    readonly text: string,
    public start: number,
    readonly memo: BlockMemo,
  ) {
    this.parsedAt = start;
  }

  get isParsed(): boolean {
    return this.documents !== undefined;
  }

  get parsed(): readonly Document.Parsed[] {
    if (!this.documents) {
      this.documents = compose(this.text, this.start);
      this.parsedAt = this.start;
    }
    return this.documents;
  }
}

/** Moves a block parsed earlier to a new place in the file, without parsing it again: the same object, moved. */
export function moveBlock(block: Block, start: number): Block {
  const delta = start - block.start;
  if (delta === 0) return block;
  block.start = start;
  for (const span of attached.get(block) ?? []) {
    span.start += delta;
    span.end += delta;
  }
  return block;
}

function shiftToken(value: unknown, delta: number): void {
  if (Array.isArray(value)) {
    for (const item of value) shiftToken(item, delta);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  if (typeof record['offset'] === 'number') record['offset'] += delta;
  for (const key in record) {
    const child = record[key];
    if (typeof child === 'object' && child !== null) shiftToken(child, delta);
  }
}

/** Top-level keys must stay unique across blocks, which the per-block parse cannot see. */
export function duplicateTopLevelKeys(blocks: readonly Block[]): YamlProblem[] {
  const seen = new Set<string>();
  const problems: YamlProblem[] = [];
  for (const block of blocks) {
    const key = keyOf(block);
    if (!key) continue;
    if (seen.has(key.name)) problems.push({ span: { start: block.start, end: block.start + key.length }, message: 'Map keys must be unique' });
    seen.add(key.name);
  }
  return problems;
}

/** A block's text never changes (a new text makes a new block), so its key is read once. */
function keyOf(block: Block): { name: string; length: number } | null {
  if (block.memo.key !== undefined) return block.memo.key;
  const key = topLevelKey(block.text);
  block.memo.key = key;
  return key;
}

/** The key an entry's text begins with, unquoted, and how long it is as written; null when it begins with none. */
export function topLevelKey(text: string): { name: string; length: number } | null {
  const match = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(?:\s|$)/.exec(text);
  return match?.[1] ? { name: match[1].replace(/^(["'])(.*)\1$/, '$2'), length: match[1].length } : null;
}
