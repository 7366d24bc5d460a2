import { JinjaSyntaxError, tokenize, type Token } from './tokens';

/** A Jinja expression as Jinja's parser builds it, each node with its offsets in the expression text. */
export type Expr =
  | { readonly kind: 'literal'; readonly value: number | string | boolean | null; readonly start: number; readonly end: number }
  | { readonly kind: 'name'; readonly name: string; readonly start: number; readonly end: number }
  | { readonly kind: 'attr'; readonly object: Expr; readonly key: string | number; readonly start: number; readonly end: number }
  | { readonly kind: 'item'; readonly object: Expr; readonly key: Expr; readonly start: number; readonly end: number }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr; readonly start: number; readonly end: number }
  | { readonly kind: 'not' | 'neg' | 'pos'; readonly operand: Expr; readonly start: number; readonly end: number }
  | { readonly kind: 'filter'; readonly name: string; readonly input: Expr; readonly args: readonly Expr[]; readonly keywords: boolean; readonly start: number; readonly end: number }
  | { readonly kind: 'cond'; readonly test: Expr; readonly then: Expr; readonly otherwise?: Expr; readonly start: number; readonly end: number }
  /** Parsed so that the rest of the expression can be, but never evaluated: calls, tests, floats, lists, dicts. */
  | { readonly kind: 'unsupported'; readonly what: string; readonly start: number; readonly end: number };

const COMPARE = new Set(['==', '!=', '<', '>', '<=', '>=']);
const MAX_DEPTH = 64;

/** Parses one expression (the inside of `{{ }}`); throws JinjaSyntaxError when Jinja would not parse it. */
export function parseJinja(source: string): Expr {
  const parser = new Parser(tokenize(source));
  const expr = parser.expression();
  parser.expectEnd();
  return expr;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw new JinjaSyntaxError(`unexpected ${JSON.stringify(token.text)}`, token.start);
  }

  expression(): Expr {
    if (++this.depth > MAX_DEPTH) throw new JinjaSyntaxError('the expression nests too deeply', this.peek().start);
    try {
      return this.conditional();
    } finally {
      this.depth--;
    }
  }

  private conditional(): Expr {
    const then = this.or();
    if (!this.isName('if')) return then;
    this.next();
    const test = this.or();
    if (!this.isName('else')) return { kind: 'cond', test, then, start: then.start, end: test.end };
    this.next();
    const otherwise = this.conditional();
    return { kind: 'cond', test, then, otherwise, start: then.start, end: otherwise.end };
  }

  private or(): Expr {
    let left = this.and();
    while (this.isName('or')) {
      this.next();
      const right = this.and();
      left = { kind: 'binary', op: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isName('and')) {
      this.next();
      const right = this.not();
      left = { kind: 'binary', op: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private not(): Expr {
    if (this.isName('not')) {
      const start = this.next().start;
      const operand = this.not();
      return { kind: 'not', operand, start, end: operand.end };
    }
    return this.compare();
  }

  private compare(): Expr {
    let left = this.math1();
    for (;;) {
      const token = this.peek();
      if (token.kind === 'op' && COMPARE.has(token.text)) {
        this.next();
        const right = this.math1();
        left = { kind: 'binary', op: token.text, left, right, start: left.start, end: right.end };
      } else if (this.isName('in') || (this.isName('not') && this.peekAt(1).kind === 'name' && this.peekAt(1).text === 'in')) {
        if (this.isName('not')) this.next();
        this.next();
        const right = this.math1();
        left = { kind: 'unsupported', what: 'the `in` operator', start: left.start, end: right.end };
      } else {
        return left;
      }
    }
  }

  private math1(): Expr {
    return this.binaryLevel(['+', '-'], () => this.concat());
  }

  private concat(): Expr {
    return this.binaryLevel(['~'], () => this.math2());
  }

  private math2(): Expr {
    return this.binaryLevel(['*', '/', '//', '%'], () => this.pow());
  }

  private pow(): Expr {
    return this.binaryLevel(['**'], () => this.unary(true));
  }

  private binaryLevel(ops: readonly string[], operand: () => Expr): Expr {
    let left = operand();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'op' || !ops.includes(token.text)) return left;
      this.next();
      const right = operand();
      left = { kind: 'binary', op: token.text, left, right, start: left.start, end: right.end };
    }
  }

  private unary(withFilter: boolean): Expr {
    const token = this.peek();
    let node: Expr;
    if (token.kind === 'op' && (token.text === '-' || token.text === '+')) {
      this.next();
      const operand = this.unary(false);
      node = { kind: token.text === '-' ? 'neg' : 'pos', operand, start: token.start, end: operand.end };
    } else {
      node = this.postfix(this.primary());
    }
    return withFilter ? this.filters(node) : node;
  }

  private primary(): Expr {
    const token = this.next();
    switch (token.kind) {
      case 'name': {
        const constant = CONSTANTS.get(token.text);
        if (constant !== undefined) return { kind: 'literal', value: constant.value, start: token.start, end: token.end };
        return { kind: 'name', name: token.text, start: token.start, end: token.end };
      }
      case 'int':
        return { kind: 'literal', value: Number(token.value), start: token.start, end: token.end };
      case 'float':
        return { kind: 'unsupported', what: `the float ${token.text}`, start: token.start, end: token.end };
      case 'string': {
        // Adjacent string literals are one string, as in Python.
        let value = token.value;
        let end = token.end;
        while (this.peek().kind === 'string') {
          const more = this.next();
          value += more.value;
          end = more.end;
        }
        return { kind: 'literal', value, start: token.start, end };
      }
      case 'op':
        if (token.text === '(') {
          const inner = this.expression();
          if (this.peek().text === ',') return this.rest(')', token.start, 'a tuple');
          const close = this.expect(')');
          return { ...inner, start: token.start, end: close.end };
        }
        if (token.text === '[') return this.rest(']', token.start, 'a list');
        if (token.text === '{') return this.rest('}', token.start, 'a dict');
        break;
      default:
        break;
    }
    throw new JinjaSyntaxError(token.kind === 'end' ? 'the expression ends too early' : `unexpected ${JSON.stringify(token.text)}`, token.start);
  }

  /** Skips a bracketed literal (list, dict, tuple), checking only that it closes. */
  private rest(close: string, start: number, what: string): Expr {
    let depth = 1;
    for (;;) {
      const token = this.next();
      if (token.kind === 'end') throw new JinjaSyntaxError(`${what} is not closed`, start);
      if (token.kind !== 'op') continue;
      if ('([{'.includes(token.text)) depth++;
      else if (')]}'.includes(token.text) && --depth === 0) {
        if (token.text !== close) throw new JinjaSyntaxError(`unexpected ${JSON.stringify(token.text)}`, token.start);
        return { kind: 'unsupported', what, start, end: token.end };
      }
    }
  }

  private postfix(node: Expr): Expr {
    let current = node;
    for (;;) {
      const token = this.peek();
      if (token.text === '.' && token.kind === 'op') {
        this.next();
        const key = this.next();
        if (key.kind === 'name') current = { kind: 'attr', object: current, key: key.text, start: current.start, end: key.end };
        else if (key.kind === 'int') current = { kind: 'attr', object: current, key: Number(key.value), start: current.start, end: key.end };
        else throw new JinjaSyntaxError('expected a name after "."', key.start);
      } else if (token.text === '[' && token.kind === 'op') {
        this.next();
        const key = this.expression();
        if (this.peek().text === ':') return this.rest(']', current.start, 'a slice');
        const close = this.expect(']');
        current = { kind: 'item', object: current, key, start: current.start, end: close.end };
      } else if (token.text === '(' && token.kind === 'op') {
        this.next();
        const end = this.rest(')', token.start, 'a call').end;
        current = { kind: 'unsupported', what: 'a function call', start: current.start, end };
      } else {
        return current;
      }
    }
  }

  private filters(node: Expr): Expr {
    let current = node;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'op' && token.text === '|') {
        this.next();
        const name = this.next();
        if (name.kind !== 'name') throw new JinjaSyntaxError('expected a filter name after "|"', name.start);
        let filterName = name.text;
        // Dotted filter names are collection filters (ansible.builtin.regex_replace).
        while (this.peek().text === '.' && this.peekAt(1).kind === 'name') {
          this.next();
          filterName += `.${this.next().text}`;
        }
        const { args, keywords, end } = this.peek().text === '(' ? this.callArguments() : { args: [], keywords: false, end: name.end };
        current = { kind: 'filter', name: filterName.replace(/^ansible\.builtin\./, ''), input: current, args, keywords, start: current.start, end };
      } else if (this.isName('is')) {
        this.next();
        if (this.isName('not')) this.next();
        const test = this.next();
        if (test.kind !== 'name') throw new JinjaSyntaxError('expected a test name after "is"', test.start);
        let end = test.end;
        if (this.peek().text === '(') end = this.callArguments().end;
        current = { kind: 'unsupported', what: `the test \`is ${test.text}\``, start: current.start, end };
      } else {
        return current;
      }
    }
  }

  private callArguments(): { args: Expr[]; keywords: boolean; end: number } {
    this.expect('(');
    const args: Expr[] = [];
    let keywords = false;
    while (this.peek().text !== ')') {
      if (this.peek().kind === 'name' && this.peekAt(1).text === '=') {
        keywords = true;
        this.next();
        this.next();
      }
      args.push(this.expression());
      if (this.peek().text !== ',') break;
      this.next();
    }
    return { args, keywords, end: this.expect(')').end };
  }

  private expect(text: string): Token {
    const token = this.next();
    if (token.kind !== 'op' || token.text !== text) throw new JinjaSyntaxError(`expected ${JSON.stringify(text)}`, token.start);
    return token;
  }

  private isName(word: string): boolean {
    const token = this.peek();
    return token.kind === 'name' && token.text === word;
  }

  private peek(): Token {
    return this.peekAt(0);
  }

  private peekAt(offset: number): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }
}

const CONSTANTS = new Map<string, { value: boolean | null }>([
  ['true', { value: true }],
  ['True', { value: true }],
  ['false', { value: false }],
  ['False', { value: false }],
  ['none', { value: null }],
  ['None', { value: null }],
]);
