import { isAlias, parseAllDocuments, type Document } from 'yaml';
import { forEachNode } from './walk';
import { duplicateKeys, PARSE_OPTIONS } from './duplicateKeys';
import type { YamlProblem } from './problem';
import type { TextChange } from '../text/change';
import { firstIndexWhere } from '../util';
import { attachSpans, blockDocuments, duplicateTopLevelKeys, moveBlock, parseBlock, splitBlocks, type Block } from './blocks';

export type { YamlProblem };

export interface ParsedYaml {
  readonly documents: readonly Document.Parsed[];
  readonly problems: readonly YamlProblem[];
  readonly aliasCount: number;
  /** Set when the file was parsed entry by entry; the next parse of the file reuses unchanged entries. */
  readonly blocks?: readonly Block[];
}

/**
 * Parses a file whose root is a map of independent entries block by block, reusing the blocks of
 * `previous` whose text did not change; falls back to a whole parse when the file does not allow it.
 */
export function parseYamlIncrementally(text: string, previous: readonly Block[] | undefined, change?: TextChange): ParsedYaml {
  const blocks = previous?.length ? (change === undefined ? undefined : reblock(text, change, previous)) ?? blocksOf(text, previous) : blocksOf(text, []);
  if (!blocks) return parseYaml(text);
  const problems: YamlProblem[] = [];
  for (const block of blocks) {
    const found = blockProblems(block, text.length);
    if (found.length) problems.push(...found);
  }
  problems.push(...duplicateTopLevelKeys(blocks));
  return {
    get documents() {
      return documentsOfBlocks(blocks);
    },
    problems,
    aliasCount: 0,
    blocks,
  };
}

/** Every document of a file parsed block by block, moved to where the blocks are now. */
export function documentsOfBlocks(blocks: readonly Block[]): Document.Parsed[] {
  const documents: Document.Parsed[] = [];
  for (const block of blocks) {
    const parsed = blockDocuments(block);
    if (parsed.length === 1 && parsed[0]) documents.push(parsed[0]);
    else documents.push(...parsed);
  }
  return documents;
}

/** Cuts the whole text into blocks, reusing any block of `previous` with the same text. */
function blocksOf(text: string, previous: readonly Block[]): Block[] | undefined {
  const pieces = splitBlocks(text);
  if (!pieces) return undefined;
  const reusable = new Map<string, Block[]>();
  for (const block of previous) {
    const list = reusable.get(block.text);
    if (list) list.push(block);
    else reusable.set(block.text, [block]);
  }
  return pieces.map((piece) => {
    const candidate = reusable.get(piece.text)?.shift();
    return candidate ? moveBlock(candidate, piece.start) : parseBlock(piece.text, piece.start);
  });
}

/**
 * The blocks of `text` when it is the previous text with one region changed: the blocks before the region
 * are kept, those after it moved, and only the region is cut again, without reading (or hashing) the rest
 * of a 25,000-line file. The region takes one unchanged block on its left, which the change may extend.
 * Undefined when the change reaches the first block or the end of a block cannot be trusted: the caller
 * then cuts the whole text.
 */
function reblock(text: string, change: TextChange, previous: readonly Block[]): Block[] | undefined {
  const previousText = change.before;
  const first = previous[0];
  const last = previous[previous.length - 1];
  if (!first || !last) return undefined;
  // What comes before the first entry (comments, `---`) must still hold no entry.
  const head = first.start > 0 ? splitBlocks(text.slice(0, first.start)) : [];
  if (!head || head.length > 0) return undefined;
  if (last.start + last.text.length !== previousText.length) return undefined;
  const delta = text.length - previousText.length;
  const { prefix, suffix } = change;
  if (prefix === text.length && delta === 0) return [...previous];
  // Blocks are in order and do not overlap: the first one not ending before the change, the first one after it.
  const front = firstIndexWhere(previous.length, (index) => startOf(previous, index) + (previous[index]?.text.length ?? 0) > prefix);
  const back = Math.max(front, firstIndexWhere(previous.length, (index) => startOf(previous, index) >= previousText.length - suffix));
  // [front - 1, back) is cut again; the kept block on the left may grow, the one after must start a line.
  const left = previous[front - 1];
  if (front < 2 || !left) return undefined;
  const after = previous[back];
  const regionStart = left.start;
  const regionEnd = after ? after.start + delta : text.length;
  if (regionEnd <= regionStart || (after && text.charCodeAt(regionEnd - 1) !== 10)) return undefined;
  const pieces = splitBlocks(text.slice(regionStart, regionEnd));
  if (!pieces?.length || pieces[0]?.start !== 0) return undefined;
  const reusable = new Map<string, Block[]>();
  for (let index = front - 1; index < back; index++) {
    const block = previous[index];
    if (!block) continue;
    const list = reusable.get(block.text);
    if (list) list.push(block);
    else reusable.set(block.text, [block]);
  }
  const blocks = previous.slice(0, front - 1);
  for (const piece of pieces) {
    const start = regionStart + piece.start;
    const candidate = reusable.get(piece.text)?.shift();
    blocks.push(candidate ? moveBlock(candidate, start) : parseBlock(piece.text, start));
  }
  for (let index = back; index < previous.length; index++) {
    const block = previous[index];
    if (block) blocks.push(moveBlock(block, block.start + delta));
  }
  return blocks;
}

function startOf(blocks: readonly Block[], index: number): number {
  return blocks[index]?.start ?? 0;
}

/**
 * A block object stands for one text (moving it moves its problems with it), so its problems are read once:
 * an edit elsewhere in the file walks none of its nodes again.
 */
function blockProblems(block: Block, length: number): readonly YamlProblem[] {
  const cached = block.memo.problems;
  if (cached) return cached;
  const problems: YamlProblem[] = [];
  for (const document of blockDocuments(block)) {
    for (const error of document.errors) problems.push(problemOf(error.pos, error.message, length));
    problems.push(...duplicateKeys(document));
  }
  attachSpans(block, problems);
  block.memo.problems = problems;
  return problems;
}

function problemOf(pos: [number, number], message: string, length: number): YamlProblem {
  const start = clamp(pos[0], length);
  return { span: { start, end: Math.max(start, clamp(pos[1], length)) }, message: cleanMessage(message) };
}

/**
 * Parses every document of a YAML stream, keeping source ranges on each node.
 * Aliases are counted but never expanded here, so an alias bomb costs no more than its text.
 */
export function parseYaml(text: string): ParsedYaml {
  const parsed = parseAllDocuments(text, PARSE_OPTIONS);
  // An empty stream is an empty array too.
  const documents: Document.Parsed[] = [...parsed];
  const problems: YamlProblem[] = [];
  let aliasCount = 0;
  // An alias is written `*name`: a file without a star has none, and its nodes need not be walked for them.
  const mayAlias = text.includes('*');
  for (const document of documents) {
    for (const error of document.errors) problems.push(problemOf(error.pos, error.message, text.length));
    if (mayAlias) {
      forEachNode(document.contents, (node) => {
        if (isAlias(node)) aliasCount++;
      });
    }
    problems.push(...duplicateKeys(document));
  }
  return { documents, problems, aliasCount };
}

function clamp(offset: number, length: number): number {
  return Math.max(0, Math.min(offset, length));
}

/** The yaml package appends " at line N, column M" and a code excerpt; our ranges already say where. */
function cleanMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '').trim();
}
