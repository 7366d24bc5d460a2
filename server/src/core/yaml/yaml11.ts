import { isScalar, Scalar } from 'yaml';

/** What Ansible's YAML loader (PyYAML, YAML 1.1) makes of a plain scalar whose YAML 1.2 reading differs. */
export interface Yaml11Reading {
  /** The value Ansible sees: a number, or the text itself where YAML 1.1 sees no number. */
  readonly value: number | string;
  /** Why, in the words of the warning. */
  readonly why: string;
}

// PyYAML's implicit int resolver (YAML 1.1 types), in its order of construction.
const INT_11 = /^[-+]?(?:0b[01_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
/** A YAML 1.1 float needs a dot (or is .inf/.nan); we only tell when Ansible reads digits differently. */
const FLOAT_11 = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * The YAML 1.1 reading of a plain scalar when it is not the YAML 1.2 one we parsed (`030165` is octal 12405 to
 * Ansible; `1:30` is 90; `1_000` is 1000; `0o17` and `09` are text). Undefined when both read the same.
 */
export function yaml11Reading(node: unknown): Yaml11Reading | undefined {
  if (!isScalar(node) || node.type !== Scalar.PLAIN || typeof node.source !== 'string') return undefined;
  const text = node.source;
  const parsed: unknown = node.value;
  // The most common case by far (a port): a decimal integer, read alike by YAML 1.1 and 1.2.
  if (typeof parsed === 'number' && isDecimal(text)) return undefined;
  if (!/^[-+]?(?:\.|\d)/.test(text)) return undefined;
  if (INT_11.test(text)) {
    const value = constructInt(text);
    if (value === undefined || value === parsed) return undefined;
    return { value, why: whyInt(text, value) };
  }
  if (FLOAT_11.test(text)) return undefined;
  if (typeof parsed === 'number') return { value: text, why: `YAML 1.1 does not read ${text} as a number: Ansible sees the string "${text}"` };
  return undefined;
}

/** Digits only, without a leading zero (or `0` alone): the same integer in YAML 1.1 and 1.2, as far as it is exact. */
function isDecimal(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first < 48 || first > 57 || (first === 48 && text.length > 1)) return false;
  for (let index = 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function constructInt(text: string): number | undefined {
  let digits = text.replace(/_/g, '');
  let sign = 1;
  if (digits.startsWith('-') || digits.startsWith('+')) {
    if (digits.startsWith('-')) sign = -1;
    digits = digits.slice(1);
  }
  let value: number;
  if (digits === '0') value = 0;
  else if (digits.startsWith('0b')) value = parseInt(digits.slice(2), 2);
  else if (digits.startsWith('0x')) value = parseInt(digits.slice(2), 16);
  else if (digits.startsWith('0')) value = parseInt(digits, 8);
  else if (digits.includes(':')) value = digits.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  else value = Number(digits);
  return Number.isSafeInteger(value) ? sign * value : undefined;
}

function whyInt(text: string, value: number): string {
  if (text.includes(':')) return `YAML 1.1 reads ${text} as a base-60 number: Ansible sees ${value}`;
  if (/^[-+]?0[0-7_]/.test(text)) return `YAML 1.1 reads a leading zero as octal: Ansible sees ${text} as ${value}`;
  if (text.includes('_')) return `YAML 1.1 ignores the underscores of ${text}: Ansible sees ${value}`;
  return `Ansible (YAML 1.1) reads ${text} as ${value}`;
}
