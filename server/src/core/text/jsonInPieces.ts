/** Below this length a JSON text is parsed at once (a few milliseconds at most). */
const PIECE_CHARS = 1 << 17;

/**
 * JSON.parse of `text`, a piece at a time: the text of a big routes file's facts takes 40 ms to parse at once, and
 * the cold index reads it on the thread that answers the editor. The pieces are runs of the elements of a
 * top-level array, or of the array that is an object's first field (`{"entries":[...], ...}`), cut where an element
 * ends and the next begins with the same key as the first (`},{"app":`): the quotes of that mark cannot be inside
 * a string, where JSON escapes them. A cut inside an element leaves its piece with brackets that do not balance,
 * which JSON.parse refuses; then the whole text is parsed at once, as it would have been. Either way, the value is
 * JSON.parse(text)'s.
 */
export function* parseJsonInPieces(text: string, pieceChars = PIECE_CHARS): Generator<undefined, unknown, undefined> {
  const head = text.length > pieceChars ? /^(\{"((?:[^"\\]|\\.)*)":)?\[\{"((?:[^"\\]|\\.)*)":/.exec(text) : null;
  if (!head) return JSON.parse(text) as unknown;
  const [, opening = '', field, firstKey = ''] = head;
  const mark = `},{"${firstKey}":`;
  const items: unknown[] = [];
  let start = opening.length + 1;
  for (let cut = text.indexOf(mark, start + pieceChars); cut >= 0; cut = text.indexOf(mark, start + pieceChars)) {
    const piece = parsedOrUndefined(`[${text.slice(start, cut + 1)}]`);
    if (!Array.isArray(piece)) return JSON.parse(text) as unknown;
    for (const item of piece) items.push(item);
    start = cut + 2;
    yield;
  }
  const last = parsedOrUndefined(`${opening}[${text.slice(start)}`);
  if (field === undefined) return Array.isArray(last) ? items.concat(last) : (JSON.parse(text) as unknown);
  const key = JSON.parse(`"${field}"`) as string;
  const rest: unknown = isObject(last) ? Object.getOwnPropertyDescriptor(last, key)?.value : undefined;
  if (!isObject(last) || !Array.isArray(rest)) return JSON.parse(text) as unknown;
  // Not an assignment: a key `__proto__` would set the prototype.
  Object.defineProperty(last, key, { value: items.concat(rest), writable: true, enumerable: true, configurable: true });
  return last;
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
