import { isMap, isScalar, parseDocument, type Pair, type YAMLMap } from 'yaml';
import { contentEnd } from './append';
import { styleOf, type TextStyle } from './style';
import { changeBetween } from '../text/change';

/** A value to write at a dotted path of a values file (`service.nodePort`). */
export interface Assignment {
  readonly path: readonly string[];
  /** Written as is: a plain scalar such as `30080` or `NodePort`. */
  readonly value: string;
}

/** What is already written at a path, when it is more than "not set". */
export type Existing = { readonly path: string; readonly value: string };

/** Replaces `[start, end)` of a text by `text`. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The text with each assignment made, through the `yaml` Document API: a value that is absent, empty or null
 * is written in place; a missing key is added at the end of the deepest map that exists, with the file's
 * indentation and line endings; nothing else changes. `splices` say what changed in the original text, one per
 * place. Returns why it cannot when the file is not a map there.
 */
export function assignValues(text: string, assignments: readonly Assignment[]): { text: string; splices: Splice[] } | { refused: string } {
  const separate: Splice[] = [];
  for (const assignment of assignments) {
    const splice = assignOne(text, assignment);
    if ('refused' in splice) return splice;
    separate.push(splice);
  }
  separate.sort((a, b) => a.start - b.start);
  if (separate.every((splice, index) => index === 0 || (separate[index - 1]?.end ?? 0) < splice.start)) return { text: applied(text, separate), splices: separate };
  // Two keys added to one map (or to a map another adds): each is made on the text the one before left.
  let current = text;
  for (const assignment of assignments) {
    const splice = assignOne(current, assignment);
    if ('refused' in splice) return splice;
    current = applied(current, [splice]);
  }
  const { prefix, suffix } = changeBetween(text, current);
  return { text: current, splices: [{ start: prefix, end: text.length - suffix, text: current.slice(prefix, current.length - suffix) }] };
}

function applied(text: string, splices: readonly Splice[]): string {
  let result = text;
  for (const splice of [...splices].sort((a, b) => b.start - a.start)) result = result.slice(0, splice.start) + splice.text + result.slice(splice.end);
  return result;
}

/** The value already set at a path (not empty, null or 0), which an assignment would overwrite. */
export function existingValue(text: string, path: readonly string[]): Existing | undefined {
  let node: unknown = parseDocument(text).contents;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    node = pairOf(node, key)?.value;
  }
  if (!isScalar(node)) return node === null || node === undefined ? undefined : { path: path.join('.'), value: '(a map or a list)' };
  const value = node.value;
  if (value === null || value === '' || value === 0) return undefined;
  return { path: path.join('.'), value: node.source ?? JSON.stringify(value) };
}

function assignOne(text: string, { path, value }: Assignment): Splice | { refused: string } {
  const document = parseDocument(text);
  if (document.errors.length > 0) return { refused: 'it is not valid YAML' };
  const style = styleOf(text);
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null && !root.source)) {
    // An empty file, or only comments: the keys go at its end.
    const end = contentEnd(text, text.length);
    return { start: end, end: text.length, text: `${end === 0 ? '' : style.eol}${nested(path, value, style, '')}${style.eol}` };
  }
  if (!isMap(root)) return { refused: 'its top level is not a map' };
  let map: YAMLMap = root;
  for (const [index, key] of path.entries()) {
    const pair = pairOf(map, key);
    const rest = path.slice(index + 1);
    if (!pair) return insertInto(text, map, path.slice(index), value, style);
    const node = pair.value;
    if (rest.length === 0) {
      if (isMap(node) || (node && !isScalar(node))) return { refused: `${path.join('.')} is not a single value` };
      return writeScalar(text, pair, value);
    }
    if (isMap(node)) {
      map = node;
      continue;
    }
    if (isScalar(node) && node.value === null && !node.source && node.range) {
      // `service:` with nothing after it: the rest nests under the key.
      const column = columnOf(text, (pair.key as { range?: [number, number, number] }).range?.[0] ?? 0);
      const at = node.range[0];
      return { start: at, end: at, text: `${style.eol}${nested(rest, value, style, ' '.repeat(column) + style.indent)}` };
    }
    return { refused: `${path.slice(0, index + 1).join('.')} is not a map` };
  }
  return { refused: 'the path is empty' };
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

/** Writes over an empty or null value; a value such as `""` keeps its comment after it. */
function writeScalar(text: string, pair: Pair, value: string): Splice {
  const node = pair.value;
  const range = isScalar(node) ? node.range : undefined;
  if (range) {
    const [start, end] = range;
    const space = start === end && text[start - 1] === ':' ? ' ' : '';
    return { start, end, text: `${space}${value}` };
  }
  // `key:` at the very end of the file, with no value node.
  const keyEnd = (pair.key as { range?: [number, number, number] }).range?.[1] ?? text.length;
  const colon = text.indexOf(':', keyEnd);
  return { start: colon + 1, end: colon + 1, text: ` ${value}` };
}

/** Adds `path: value` (nested) as the last entry of `map`. */
function insertInto(text: string, map: YAMLMap, path: readonly string[], value: string, style: TextStyle): Splice | { refused: string } {
  const range = map.range;
  if (!range) return { refused: 'a map has no place in the text' };
  if (map.flow) {
    const close = text.lastIndexOf('}', range[1]);
    const before = contentEnd(text, close);
    const separator = map.items.length ? ', ' : '';
    return { start: before, end: before, text: `${separator}${flow(path, value)}` };
  }
  const first = map.items[0]?.key as { range?: [number, number, number] } | undefined;
  const column = columnOf(text, first?.range?.[0] ?? range[0]);
  const at = contentEnd(text, range[1]);
  return { start: at, end: at, text: `${style.eol}${nested(path, value, style, ' '.repeat(column))}` };
}

function nested(path: readonly string[], value: string, style: TextStyle, base: string): string {
  return path.map((key, depth) => `${base}${style.indent.repeat(depth)}${key}:${depth === path.length - 1 ? ` ${value}` : ''}`).join(style.eol);
}

function flow(path: readonly string[], value: string): string {
  const [key, ...rest] = path;
  return rest.length === 0 ? `${key ?? ''}: ${value}` : `${key ?? ''}: {${flow(rest, value)}}`;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
