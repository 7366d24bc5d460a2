import type { TemplateExpression } from '../jinja/template';
import { findExpressions } from '../jinja/template';
import type { PortRef, VariableFact } from '../model/facts';
import type { Span } from '../types';
import { pushTo } from '../util';
import type { FileModel } from '../workspace/fileModel';

export interface VariableDefinition {
  readonly file: FileModel;
  readonly fact: VariableFact;
}

/** Where a resolved number is literally written, and the variables crossed to reach it. */
export interface Resolution {
  readonly value?: number | string;
  readonly source?: { readonly file: FileModel; readonly span: Span };
  readonly via: readonly VariableDefinition[];
  /** The path that is not defined, when resolution stopped on it. */
  readonly unknownPath?: string;
}

const MAX_INDIRECTIONS = 16;
const NEUTRAL_FILTERS = new Set(['int', 'string', 'trim', 'lower', 'upper', 'default', 'd', 'float', 'mandatory']);

/** The variables one environment defines: its inventories' vars and its group vars files. */
export class VariableScope {
  private readonly definitions = new Map<string, VariableDefinition[]>();

  constructor(files: readonly FileModel[]) {
    for (const file of files) {
      for (const fact of file.inventory?.variables ?? []) pushTo(this.definitions, fact.path, { file, fact });
      for (const fact of file.variables) pushTo(this.definitions, fact.path, { file, fact });
    }
  }

  lookup(path: string): readonly VariableDefinition[] {
    return this.definitions.get(path) ?? [];
  }

  paths(): IterableIterator<string> {
    return this.definitions.keys();
  }

  /** True when the path is defined, or hides behind a list or a template we cannot see into. */
  isDefined(path: string): boolean {
    if (this.definitions.has(path)) return true;
    const parts = path.split('.');
    for (let length = parts.length - 1; length > 0; length--) {
      const prefix = this.definitions.get(parts.slice(0, length).join('.'))?.[0]?.fact;
      if (!prefix) continue;
      return prefix.kind === 'list' || (typeof prefix.scalar === 'string' && prefix.scalar.includes('{{'));
    }
    return false;
  }

  resolvePort(ref: PortRef, file: FileModel): Resolution {
    if (ref.literal !== undefined) return { value: ref.literal, source: { file, span: ref.span }, via: [] };
    if (!ref.template) return { via: [] };
    return this.resolveExpression(ref.template, file, 0, []);
  }

  resolveExpression(expression: TemplateExpression, file: FileModel, depth: number, via: VariableDefinition[]): Resolution {
    const path = expression.path;
    if (!expression.simple || path === undefined || depth > MAX_INDIRECTIONS) return { via };
    if (expression.filters.some((filter) => !NEUTRAL_FILTERS.has(filter.name))) return { via };
    const definition = this.lookup(path)[0];
    if (!definition) {
      const fallback = expression.filters.find((filter) => (filter.name === 'default' || filter.name === 'd') && filter.literal !== undefined);
      if (fallback?.literal !== undefined && fallback.literalSpan) return { value: fallback.literal, source: { file, span: fallback.literalSpan }, via };
      return { via, unknownPath: path };
    }
    if (via.includes(definition)) return { via };
    const chain = [...via, definition];
    const { fact } = definition;
    if (typeof fact.scalar === 'number' && fact.valueSpan) return { value: fact.scalar, source: { file: definition.file, span: fact.valueSpan }, via: chain };
    if (typeof fact.scalar === 'string' && fact.valueSpan) {
      if (/^\s*\d+\s*$/.test(fact.scalar)) return { value: Number(fact.scalar), source: { file: definition.file, span: fact.valueSpan }, via: chain };
      const raw = definition.file.text.slice(fact.valueSpan.start, fact.valueSpan.end);
      const inner = findExpressions(raw, fact.valueSpan.start);
      const only = inner[0];
      if (inner.length === 1 && only && fact.scalar.trim().startsWith('{{') && fact.scalar.trim().endsWith('}}')) {
        return this.resolveExpression(only, definition.file, depth + 1, chain);
      }
      return { value: fact.scalar, source: { file: definition.file, span: fact.valueSpan }, via: chain };
    }
    return { via: chain };
  }
}
