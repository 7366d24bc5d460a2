/** The tokens of a Jinja expression, as Jinja's own lexer splits them; offsets are into the expression text. */
export type TokenKind = 'name' | 'int' | 'float' | 'string' | 'op' | 'end';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** For a string, its value once the escapes are read; for an int, its digits without underscores. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

export class JinjaSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

// Longest first, so that `//` is not read as two `/` and `**` not as two `*`.
const OPERATORS = ['//', '**', '==', '!=', '<=', '>=', '+', '-', '*', '/', '%', '~', '|', '.', ',', ':', '(', ')', '[', ']', '{', '}', '<', '>', '='];
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const FLOAT = /(?:\d(?:_?\d)*)?\.\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*[eE][+-]?\d(?:_?\d)*/y;
const INT = /\d(?:_?\d)*/y;

/** Splits an expression; throws JinjaSyntaxError on text Jinja would not accept or that we do not read. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i] ?? '';
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const start = i;
    if (char === "'" || char === '"') {
      const { value, end } = readString(source, i);
      tokens.push({ kind: 'string', text: source.slice(start, end), value, start, end });
      i = end;
      continue;
    }
    const word = match(NAME, source, i);
    if (word) {
      tokens.push({ kind: 'name', text: word, value: word, start, end: i + word.length });
      i += word.length;
      continue;
    }
    // A dot right after a name or `]` is attribute access (`x.0`), never the start of a float.
    const previous = tokens[tokens.length - 1];
    const afterOperand = previous !== undefined && (previous.kind === 'name' || previous.text === ']' || previous.text === ')');
    const float = afterOperand && char === '.' ? undefined : match(FLOAT, source, i);
    if (float) {
      tokens.push({ kind: 'float', text: float, value: float, start, end: i + float.length });
      i += float.length;
      continue;
    }
    const int = match(INT, source, i);
    if (int) {
      tokens.push({ kind: 'int', text: int, value: int.replace(/_/g, ''), start, end: i + int.length });
      i += int.length;
      continue;
    }
    const operator = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (!operator) throw new JinjaSyntaxError(`unexpected character ${JSON.stringify(char)}`, i);
    tokens.push({ kind: 'op', text: operator, value: operator, start, end: i + operator.length });
    i += operator.length;
  }
  tokens.push({ kind: 'end', text: '', value: '', start: source.length, end: source.length });
  return tokens;
}

function match(pattern: RegExp, source: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(source)?.[0];
}

function readString(source: string, open: number): { value: string; end: number } {
  const quote = source[open];
  let value = '';
  let i = open + 1;
  while (i < source.length) {
    const char = source[i] ?? '';
    if (char === quote) return { value, end: i + 1 };
    if (char === '\\') {
      // Ansible doubles every backslash of a string inside {{ }} before Jinja reads it: backslashes are literal,
      // and a backslash before the closing quote breaks the template.
      const next = source[i + 1] ?? '';
      if (next === quote || next === '') throw new JinjaSyntaxError('a backslash before a quote breaks the string in Ansible', i);
      value += next === '\\' ? '\\\\' : '\\';
      i += next === '\\' ? 2 : 1;
      continue;
    }
    value += char;
    i++;
  }
  throw new JinjaSyntaxError('unterminated string', open);
}
