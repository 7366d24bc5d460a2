import type { Expr } from './expression';
import { applyFilter } from './filters';
import { declined, NotResolved, pyStr, truthy, type Scalar } from './values';

/** What a variable path holds, as the environment's vars give it. */
export type LookupResult =
  | { readonly kind: 'value'; readonly value: Scalar }
  | { readonly kind: 'undefined' }
  /** Defined, but not as a value we read (a mapping, a list, a template we decline): `reason` says why. */
  | { readonly kind: 'unreadable'; readonly reason: string };

/** Variable paths (`app.pgadmin4.port` as ['app', 'pgadmin4', 'port']) to what they hold. */
export type Lookup = (path: readonly (string | number)[]) => LookupResult;

/** Undefined travels as a value so that `default` can catch it; anything else that meets it fails, as in Ansible. */
export const UNDEFINED: unique symbol = Symbol('undefined');
type Value = Scalar | typeof UNDEFINED;

/** Jinja integers are unbounded; ours stop where JavaScript numbers stop being exact. */
const LIMIT = Number.MAX_SAFE_INTEGER;
const MAX_STRING = 10_000;

/**
 * Evaluates an expression over `lookup`, the way Jinja in Ansible would, for the subset we read (see the README's
 * table); throws NotResolved naming the part it could not read. Nothing is executed: only this interpreter runs.
 */
export function evaluateExpr(expr: Expr, source: string, lookup: Lookup): Scalar {
  const value = new Evaluator(source, lookup).value(expr);
  if (value === UNDEFINED) throw new NotResolved(`${partOf(source, expr)} is undefined`);
  return value;
}

class Evaluator {
  constructor(
    private readonly source: string,
    private readonly lookup: Lookup,
  ) {}

  value(expr: Expr): Value {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'name':
      case 'attr':
      case 'item':
        return this.variable(expr);
      case 'not':
        return !truthy(this.defined(expr.operand));
      case 'neg':
      case 'pos': {
        const operand = this.defined(expr.operand);
        if (typeof operand !== 'number') throw declined(this.part(expr), `${expr.kind === 'neg' ? '-' : '+'} applies to an integer only here`);
        return expr.kind === 'neg' ? 0 - operand : operand;
      }
      case 'binary':
        return this.binary(expr.op, expr.left, expr.right, expr);
      case 'cond': {
        if (truthy(this.defined(expr.test))) return this.value(expr.then);
        if (!expr.otherwise) throw declined(this.part(expr), 'a conditional without else gives an undefined value');
        return this.value(expr.otherwise);
      }
      case 'filter': {
        const input = this.value(expr.input);
        const args = expr.args.map((arg) => this.defined(arg));
        if (expr.keywords) throw declined(this.part(expr), 'keyword arguments are not read');
        const result = applyFilter(expr.name, input === UNDEFINED ? undefined : input, args, this.part(expr));
        return checked(result, this.part(expr));
      }
      case 'unsupported':
        throw declined(this.part(expr), `${expr.what} is not read`);
    }
  }

  private defined(expr: Expr): Scalar {
    const value = this.value(expr);
    if (value === UNDEFINED) throw new NotResolved(`${this.part(expr)} is undefined`);
    return value;
  }

  private variable(expr: Expr): Value {
    const path = this.pathOf(expr);
    const found = this.lookup(path);
    if (found.kind === 'value') return found.value;
    if (found.kind === 'undefined') return UNDEFINED;
    throw declined(this.part(expr), found.reason);
  }

  private pathOf(expr: Expr): (string | number)[] {
    switch (expr.kind) {
      case 'name':
        return [expr.name];
      case 'attr':
        return [...this.pathOf(expr.object), expr.key];
      case 'item': {
        const key = this.defined(expr.key);
        if (typeof key !== 'string' && typeof key !== 'number') throw declined(this.part(expr.key), 'a subscript must be a string or an integer');
        return [...this.pathOf(expr.object), key];
      }
      default:
        throw declined(this.part(expr), 'only variables are subscripted here');
    }
  }

  private binary(op: string, leftExpr: Expr, rightExpr: Expr, whole: Expr): Value {
    if (op === 'and' || op === 'or') {
      const left = this.defined(leftExpr);
      if (op === 'and' ? !truthy(left) : truthy(left)) return left;
      return this.value(rightExpr);
    }
    const left = this.defined(leftExpr);
    const right = this.defined(rightExpr);
    const part = this.part(whole);
    if (op === '~') return checked(pyStr(left) + pyStr(right), part);
    if (op === '==' || op === '!=') {
      if (typeof left === 'boolean' ? typeof right === 'number' : typeof right === 'boolean' && typeof left === 'number') throw declined(part, 'comparing a boolean with an integer is not read');
      return (left === right) === (op === '==');
    }
    if (op === '<' || op === '>' || op === '<=' || op === '>=') {
      const bothNumbers = typeof left === 'number' && typeof right === 'number';
      const bothStrings = typeof left === 'string' && typeof right === 'string';
      if (!bothNumbers && !bothStrings) throw new NotResolved(`${part}: Jinja cannot order ${kindOf(left)} and ${kindOf(right)}`);
      const order = bothNumbers ? left - right : compareCodePoints(left as string, right as string);
      return op === '<' ? order < 0 : op === '>' ? order > 0 : op === '<=' ? order <= 0 : order >= 0;
    }
    if (op === '+' && typeof left === 'string' && typeof right === 'string') return checked(left + right, part);
    if (typeof left !== 'number' || typeof right !== 'number') {
      if ((typeof left === 'string' || typeof right === 'string') && (op === '+' || op === '-' || op === '//')) {
        throw new NotResolved(`${part}: ${kindOf(left)} ${op} ${kindOf(right)} fails in Jinja (write | int on the string)`);
      }
      throw declined(part, `${op} is read on two integers (or + on two strings) only`);
    }
    switch (op) {
      case '+':
        return checked(left + right, part);
      case '-':
        return checked(left - right, part);
      case '*':
        return checked(left * right, part);
      case '//':
        if (right === 0) throw new NotResolved(`${part} divides by zero`);
        return checked(Math.floor(left / right), part);
      case '%':
        if (right === 0) throw new NotResolved(`${part} divides by zero`);
        return checked(((left % right) + right) % right, part);
      default:
        throw declined(part, `the operator ${op} is not read`);
    }
  }

  private part(expr: Expr): string {
    return partOf(this.source, expr);
  }
}

function partOf(source: string, expr: Expr): string {
  return `\`${source.slice(expr.start, expr.end).trim()}\``;
}

function checked(value: Scalar, part: string): Scalar {
  if (typeof value === 'number' && !(Number.isSafeInteger(value) && Math.abs(value) <= LIMIT)) throw declined(part, 'the integer is too large to be read exactly');
  if (typeof value === 'string' && value.length > MAX_STRING) throw declined(part, 'the string is too long');
  return value;
}

function kindOf(value: Scalar): string {
  if (value === null) return 'none';
  return typeof value === 'number' ? 'an integer' : typeof value === 'string' ? 'a string' : 'a boolean';
}

/** Python compares strings by code point; JavaScript's `<` by UTF-16 unit, which differs past U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
