import { isScalar } from 'yaml';
import { findExpressions } from '../jinja/template';
import { spanOf } from '../yaml/nodes';
import { yaml11Reading } from '../yaml/yaml11';
import type { PortRef } from './facts';
import type { SourceText } from '../text/source';

/** Reads a port value; `source` is the file's text so template spans are file offsets. */
export function readPortRef(node: unknown, source: SourceText): PortRef | undefined {
  if (!isScalar(node)) return undefined;
  const span = spanOf(node);
  if (!span) return undefined;
  // Ansible reads these files as YAML 1.1 (`030165` is octal): the chain sees what Ansible renders.
  const value = yaml11Reading(node)?.value ?? node.value;
  const text = source.slice(span.start, span.end);
  if (typeof value === 'number') return { span, text, literal: value };
  if (typeof value !== 'string') return { span, text };
  if (/^\s*\d+\s*$/.test(value)) return { span, text, literal: Number(value) };
  if (!/\{[{%#]/.test(value)) return { span, text };
  const expressions = findExpressions(text, span.start);
  const only = expressions[0];
  if (expressions.length === 1 && only && value.trim().startsWith('{{') && value.trim().endsWith('}}')) {
    return { span, text, template: only, jinja: value };
  }
  return { span, text, jinja: value };
}
