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
  /** The text of the value before the cursor. */
  readonly value: string;
  /** The word being typed and where it starts on the line. */
  readonly word: string;
  readonly wordStart: number;
  /** Keys already present beside the one being typed. */
  readonly siblings: ReadonlySet<string>;
}

interface LineShape {
  readonly keyColumn: number;
  readonly item: boolean;
  readonly key?: string;
}

function shape(line: string): LineShape | undefined {
  const content = line.trimStart();
  if (!content || content.startsWith('#')) return undefined;
  const indent = line.length - content.length;
  const item = content === '-' || content.startsWith('- ');
  const rest = item ? content.slice(1).trimStart() : content;
  const keyColumn = item ? line.length - rest.length : indent;
  const key = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(?:\s|$)/.exec(rest)?.[1]?.replace(/^(["'])(.*)\1$/, '$2');
  return { keyColumn, item, ...(key !== undefined ? { key } : {}) };
}

export function completionContext(lines: readonly string[], line: number, character: number): CompletionContext {
  const text = (lines[line] ?? '').slice(0, character);
  const current = shape(`${text}x`) ?? { keyColumn: text.length, item: false };
  const content = text.trimStart();
  const afterDash = current.item ? content.slice(1).trimStart() : content;
  const valueMatch = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:\s?(.*)$/.exec(afterDash);
  const kind = valueMatch ? 'value' : 'key';
  const value = valueMatch?.[2] ?? '';
  const word = kind === 'key' ? afterDash : (/[^\s"'{|(,]*$/.exec(value)?.[0] ?? '');
  const column = current.keyColumn;

  const path: (string | number)[] = [];
  const siblings = new Set<string>();
  // On a new list item, the item itself is the parent: nothing beside it is a sibling.
  let threshold = current.item ? column - 2 : column;
  let collecting = !current.item;
  for (let index = line - 1; index >= 0; index--) {
    const other = shape(lines[index] ?? '');
    if (!other) continue;
    if (other.keyColumn === threshold && collecting && other.key !== undefined) siblings.add(other.key);
    if (other.item && other.keyColumn <= threshold) {
      // A list item holding the cursor's line: its first key is a sibling, its dash is the parent.
      if (other.keyColumn === threshold && collecting && other.key !== undefined) siblings.add(other.key);
      path.unshift(0);
      collecting = false;
      threshold = other.keyColumn - 2;
      if (threshold < 0) break;
      continue;
    }
    if (other.keyColumn < threshold && other.key !== undefined) {
      path.unshift(other.key);
      collecting = false;
      threshold = other.keyColumn;
      if (threshold === 0) break;
    } else if (other.keyColumn < threshold) {
      break;
    }
  }
  if (current.item) path.push(0);
  // Keys after the cursor at the same level count too.
  for (let index = line + 1; index < lines.length; index++) {
    const other = shape(lines[index] ?? '');
    if (!other) continue;
    if (other.keyColumn < column || (other.item && other.keyColumn - 2 < column)) break;
    if (other.keyColumn === column && other.key !== undefined) siblings.add(other.key);
  }
  return {
    path,
    kind,
    value,
    word,
    wordStart: character - word.length,
    siblings,
    ...(valueMatch?.[1] !== undefined ? { key: valueMatch[1].replace(/^(["'])(.*)\1$/, '$2') } : {}),
  };
}
