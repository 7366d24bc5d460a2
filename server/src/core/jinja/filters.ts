import { declined, NotResolved, pyStr, truthy, type Scalar } from './values';

const DIGITS = /^\s*[-+]?\d+\s*$/;
/** Text Python and JavaScript case, trim and match alike. */
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const MAX_REGEX_INPUT = 1_000;
const KNOWN = new Set(['default', 'd', 'int', 'string', 'trim', 'lower', 'upper', 'replace', 'regex_replace', 'ternary', 'mandatory']);

/**
 * Jinja's and Ansible's filters that the chain's values use, as they behave on the values we read. `input` is
 * undefined for an undefined variable (only `default` accepts one).
 */
export function applyFilter(name: string, input: Scalar | undefined, args: readonly Scalar[], part: string): Scalar {
  if (!KNOWN.has(name)) throw declined(part, `the filter ${name} is not read`);
  if (name === 'default' || name === 'd') {
    if (args.length > 2) throw declined(part, 'default takes at most two arguments');
    const fallback = args[0] ?? '';
    if (input === undefined) return fallback;
    return args[1] !== undefined && truthy(args[1]) && !truthy(input) ? fallback : input;
  }
  if (input === undefined) throw new NotResolved(`${part}: its input is undefined`);
  switch (name) {
    case 'int':
      return toInt(input, args, part);
    case 'string':
      return noArgs(args, part) ?? pyStr(input);
    case 'trim': {
      noArgs(args, part);
      const text = pyStr(input);
      if (!ASCII_PRINTABLE.test(text.replace(/[\t\n\r\v\f]/g, ' '))) throw declined(part, 'trim is read on ASCII text only');
      return text.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '');
    }
    case 'lower':
    case 'upper': {
      noArgs(args, part);
      const text = pyStr(input);
      if (!ASCII_PRINTABLE.test(text)) throw declined(part, `${name} is read on ASCII text only`);
      return name === 'lower' ? text.toLowerCase() : text.toUpperCase();
    }
    case 'replace': {
      if (args.length !== 2) throw declined(part, 'replace is read with two arguments (old, new)');
      return checkedReplace(pyStr(input), pyStr(args[0] ?? ''), pyStr(args[1] ?? ''), part);
    }
    case 'regex_replace':
      return regexReplace(input, args, part);
    case 'ternary': {
      if (args.length < 2 || args.length > 3) throw declined(part, 'ternary is read with two or three arguments');
      if (input === null && args.length === 3 && args[2] !== null) return args[2] ?? null;
      return truthy(input) ? (args[0] ?? null) : (args[1] ?? null);
    }
    case 'mandatory':
      return noArgs(args, part) ?? input;
    default:
      throw declined(part, `the filter ${name} is not read`);
  }
}

function noArgs(args: readonly Scalar[], part: string): undefined {
  if (args.length) throw declined(part, 'this filter is read without arguments');
  return undefined;
}

/** Jinja's int: int(value), else int(float(value)), else the default (0). */
function toInt(input: Scalar, args: readonly Scalar[], part: string): Scalar {
  if (args.length > 1) throw declined(part, 'int is read with a default only (no base)');
  const fallback = args.length ? (args[0] ?? null) : 0;
  if (typeof input === 'number') return input;
  if (typeof input === 'boolean') return input ? 1 : 0;
  if (input === null || input === '') return fallback;
  if (DIGITS.test(input)) {
    const value = Number(input.trim());
    if (!Number.isSafeInteger(value)) throw declined(part, 'the integer is too large to be read exactly');
    return value;
  }
  // Python also reads "1_000", "1.5", "1e3" and non-ASCII digits here; we do not claim to know those.
  throw declined(part, `int of ${JSON.stringify(input)} is read only for a string of digits`);
}

/**
 * Ansible's regex_replace for patterns that mean the same to Python's `re` and to JavaScript (no lookaround, no
 * backreference, no quantified group, which is also what keeps a hostile pattern from backtracking for long).
 */
function regexReplace(input: Scalar, args: readonly Scalar[], part: string): Scalar {
  if (args.length !== 2 || typeof args[0] !== 'string' || typeof args[1] !== 'string') throw declined(part, 'regex_replace is read with a pattern and a replacement string');
  const text = pyStr(input);
  if (text.length > MAX_REGEX_INPUT || !ASCII_PRINTABLE.test(text)) throw declined(part, 'regex_replace is read on short ASCII text only');
  const pattern = portablePattern(args[0], part);
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'g');
  } catch {
    throw declined(part, 'the pattern is not read');
  }
  const groups = (new RegExp(`${pattern}|`).exec('')?.length ?? 1) - 1;
  return text.replace(regex, replacementOf(args[1], groups, part));
}

function portablePattern(pattern: string, part: string): string {
  if (!ASCII_PRINTABLE.test(pattern)) throw declined(part, 'the pattern is read when it is ASCII');
  let inClass = false;
  const opens: boolean[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '\\') {
      const next = pattern[i + 1] ?? '';
      // Escaped punctuation and the classes \d \w \s (and their negations), \b \B: the same in both.
      if (!/[dDwWsSbB.^$*+?()[\]{}|\\/-]/.test(next) || (inClass && /[bB]/.test(next))) throw declined(part, `the escape \\${next} in the pattern is not read`);
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      else if (char === '[') throw declined(part, 'a [ inside a character class is not read');
      continue;
    }
    if (char === '[') {
      inClass = true;
      if (pattern[i + 1] === ']' || (pattern[i + 1] === '^' && pattern[i + 2] === ']')) throw declined(part, 'a ] first in a character class is not read');
      continue;
    }
    if (char === '(') {
      if (pattern[i + 1] === '?') {
        if (pattern[i + 2] !== ':') throw declined(part, 'only (?:...) groups are read');
        i += 2;
      }
      opens.push(false);
      continue;
    }
    if (char === ')') {
      const quantified = opens.pop();
      if (quantified === undefined) throw declined(part, 'the pattern has an unbalanced )');
      if (quantified && opens.length) opens[opens.length - 1] = true;
      // A group that holds a quantifier is itself repeated here: the shape of catastrophic backtracking.
      if (/[*+?{]/.test(pattern[i + 1] ?? '')) throw declined(part, 'a repeated group is not read');
      continue;
    }
    if (/[*+?]/.test(char) || (char === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)))) {
      if (opens.length) opens[opens.length - 1] = true;
      continue;
    }
    if (char === '{' || char === '}') throw declined(part, 'a brace that is not a repetition is not read');
  }
  if (inClass || opens.length) throw declined(part, 'the pattern is not closed');
  return pattern;
}

/** Python's replacement template (`\1`, `\g<1>`) as JavaScript's (`$1`), `$` kept literal. */
function replacementOf(template: string, groups: number, part: string): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const char = template[i] ?? '';
    if (char === '$') {
      out += '$$';
      continue;
    }
    if (char !== '\\') {
      out += char;
      continue;
    }
    const rest = template.slice(i + 1);
    const numbered = /^(?:(\d)(?!\d)|g<(\d{1,2})>)/.exec(rest);
    if (numbered) {
      const group = Number(numbered[1] ?? numbered[2]);
      if (group === 0 || group > groups) throw declined(part, `the replacement names group ${group}, which the pattern does not have`);
      // Two digits, so that a digit written after the group is not read as part of its number.
      out += `$${String(group).padStart(2, '0')}`;
      i += numbered[0].length;
      continue;
    }
    if (rest[0] === '\\') {
      out += '\\';
      i++;
      continue;
    }
    throw declined(part, `the escape \\${rest[0] ?? ''} in the replacement is not read`);
  }
  return out;
}

/** Python's str.replace: an empty `old` inserts `new` around every character. */
function checkedReplace(text: string, old: string, replacement: string, part: string): string {
  const pieces = old === '' ? ['', ...Array.from(text), ''] : text.split(old);
  if ((pieces.length - 1) * replacement.length + text.length > 10_000) throw declined(part, 'the result is too long');
  return pieces.join(replacement);
}
