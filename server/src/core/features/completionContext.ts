/**
 * Where the cursor is, read from the text alone: while typing, the line is often not valid YAML yet,
 * so the parents are found by indentation, as a person reads them.
 */
export interface CompletionContext {
  /** Parent keys from the root; list items appear as 0. */
  readonly path: readonly (string | number)[];
  readonly kind: 'key' | 'value';
  /** The key of the current line, when completing its value. */
  readonly key?: string;
  /** The text of the value before the cursor (an opening quote included). */
  readonly value: string;
  /** The word being typed and where it starts on the line. */
  readonly word: string;
  readonly wordStart: number;
  /** Keys already present beside the one being typed. */
  readonly siblings: ReadonlySet<string>;
  /** The line up to the cursor. */
  readonly before: string;
  /** Where the value starts on the line, after its opening quote if it has one. */
  readonly valueStart: number;
  /** The quote that opens the value, if any. */
  readonly quote?: '"' | "'";
  /** True when the cursor follows the key's colon directly: an inserted value needs a space first. */
  readonly needsSpace: boolean;
  /** True when the current line is a list item (`- ...`). */
  readonly item: boolean;
}

/** A line of the file, or undefined past its end. */
export type LineReader = (line: number) => string | undefined;

/** The whole text, when the caller has it: top-level keys are then found in one pass instead of line by line. */
export interface WholeText {
  readonly text: string;
  /** Where a line starts, as an offset into `text`. */
  readonly lineStart: (line: number) => number;
}

const TOP_LEVEL_KEY = /^("[^"\r\n]*"|'[^'\r\n]*'|[^\s:#-][^:#\r\n]*?|-[^\s:#][^:#\r\n]*?)[ \t]*:(?=\s|$)/gm;
const MARKER_LINE = /^(?:---|\.\.\.)(?=\s|$)/gm;

/** The keys at column 0 of the YAML document around `line`, that line excluded. */
function topLevelKeys(whole: WholeText, line: number): Set<string> {
  const { text } = whole;
  const lineStart = whole.lineStart(line);
  const lineEnd = whole.lineStart(line + 1) > lineStart ? whole.lineStart(line + 1) : text.length;
  let start = 0;
  let end = text.length;
  MARKER_LINE.lastIndex = 0;
  for (let marker = MARKER_LINE.exec(text); marker; marker = MARKER_LINE.exec(text)) {
    if (marker.index < lineStart) start = marker.index;
    else if (marker.index >= lineEnd) {
      end = marker.index;
      break;
    }
  }
  const keys = new Set<string>();
  TOP_LEVEL_KEY.lastIndex = start;
  for (let match = TOP_LEVEL_KEY.exec(text); match && match.index < end; match = TOP_LEVEL_KEY.exec(text)) {
    if (match.index >= lineStart && match.index < lineEnd) continue;
    const key = unquote(match[1]);
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

interface LineShape {
  readonly keyColumn: number;
  readonly item: boolean;
  /** The text from `keyColumn` on: the key is read from it only when the scan needs it. */
  readonly rest: string;
  /** A `---` or `...` line: the scan never crosses into another YAML document. */
  readonly marker?: boolean;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(?:\s|$)/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:\s|$)/;

/** Where a line's key starts and whether it is a list item; cheap, since the scans visit many lines. */
function shape(line: string): LineShape | undefined {
  let indent = 0;
  while (indent < line.length && (line.charCodeAt(indent) === 32 || line.charCodeAt(indent) === 9)) indent++;
  if (indent === line.length || line.charCodeAt(indent) === 35 /* # */) return undefined;
  if (indent === 0 && DOCUMENT_MARKER.test(line)) return { keyColumn: 0, item: false, rest: '', marker: true };
  const item = line.charCodeAt(indent) === 45 /* - */ && (indent + 1 === line.length || line.charCodeAt(indent + 1) === 32 || line.charCodeAt(indent + 1) === 9);
  let keyColumn = indent;
  if (item) {
    keyColumn = indent + 1;
    while (keyColumn < line.length && (line.charCodeAt(keyColumn) === 32 || line.charCodeAt(keyColumn) === 9)) keyColumn++;
  }
  return { keyColumn, item, rest: line.slice(keyColumn) };
}

function keyOf(line: LineShape): string | undefined {
  return unquote(KEY.exec(line.rest)?.[1]);
}

function unquote(key: string | undefined): string | undefined {
  return key?.replace(/^(["'])(.*)\1$/, '$2');
}

export function completionContext(read: LineReader, line: number, character: number, whole?: WholeText): CompletionContext {
  const before = (read(line) ?? '').slice(0, character);
  const current = shape(`${before}x`) ?? { keyColumn: before.length, item: false, rest: '' };
  const content = before.trimStart();
  const afterDash = current.item ? content.slice(1).trimStart() : content;
  // A key, its colon followed by a space or nothing (`http://` is no key), then the value typed so far.
  const valueMatch = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(?=\s|$)(\s*)(.*)$/.exec(afterDash);
  const kind = valueMatch ? 'value' : 'key';
  const value = valueMatch?.[3] ?? '';
  const word = kind === 'key' ? afterDash : (/[^\s"'{|(,]*$/.exec(value)?.[0] ?? '');
  const opening = value[0];
  const quote = opening === '"' || opening === "'" ? opening : undefined;
  const valueStart = character - value.length + (quote ? 1 : 0);
  const column = current.keyColumn;

  const path: (string | number)[] = [];
  const siblings = new Set<string>();
  // On a new list item, the item itself is the parent: nothing beside it is a sibling.
  let threshold = current.item ? column - 2 : column;
  let collecting = !current.item;
  const topLevel = whole !== undefined && column === 0 && !current.item;
  if (topLevel) for (const key of topLevelKeys(whole, line)) siblings.add(key);
  for (let index = topLevel ? -1 : line - 1; index >= 0; index--) {
    const other = shape(read(index) ?? '');
    if (!other) continue;
    if (other.marker) break;
    // Deeper lines belong to siblings' values: only their indentation matters.
    if (other.keyColumn > threshold) continue;
    const otherKey = keyOf(other);
    if (other.keyColumn === threshold && collecting && otherKey !== undefined) siblings.add(otherKey);
    if (other.item && other.keyColumn <= threshold) {
      // A list item holding the cursor's line: its first key is a sibling, its dash is the parent.
      path.unshift(0);
      collecting = false;
      threshold = other.keyColumn - 2;
      if (threshold < 0) break;
      continue;
    }
    if (other.keyColumn < threshold && otherKey !== undefined) {
      path.unshift(otherKey);
      collecting = false;
      threshold = other.keyColumn;
      if (threshold === 0) break;
    } else if (other.keyColumn < threshold) {
      break;
    }
  }
  if (current.item) path.push(0);
  // Keys after the cursor at the same level count too.
  for (let index = line + 1; !topLevel; index++) {
    const text = read(index);
    if (text === undefined) break;
    const other = shape(text);
    if (!other) continue;
    if (other.marker || other.keyColumn < column || (other.item && other.keyColumn - 2 < column)) break;
    if (other.keyColumn !== column) continue;
    const otherKey = keyOf(other);
    if (otherKey !== undefined) siblings.add(otherKey);
  }
  const key = unquote(valueMatch?.[1]);
  return {
    path,
    kind,
    value,
    word,
    wordStart: character - word.length,
    siblings,
    before,
    valueStart,
    needsSpace: valueMatch !== null && valueMatch[2] === '' && value === '',
    item: current.item,
    ...(quote ? { quote } : {}),
    ...(key !== undefined ? { key } : {}),
  };
}
