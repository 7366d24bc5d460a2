/** The values our Jinja reader handles: Python's int (exact within JavaScript's safe range), str, bool and None. */
export type Scalar = number | string | boolean | null;

/** An expression whose value we do not claim to know; the message names the part and why. */
export class NotResolved extends Error {}

export function declined(part: string, why: string): NotResolved {
  return new NotResolved(`${part}: ${why}`);
}

/** Python's str(): what `~`, `string` and the filters that work on text see. */
export function pyStr(value: Scalar): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

/** Python's truth: 0, '', None and False are false. */
export function truthy(value: Scalar): boolean {
  return value !== null && value !== false && value !== 0 && value !== '';
}

/** How Ansible writes a value that a `{{ }}` renders into the file: None as nothing, the rest as str(). */
export function rendered(value: Scalar): string {
  return value === null ? '' : pyStr(value);
}
