import type { TemplateExpression } from '../jinja/template';
import { findExpressions } from '../jinja/template';
import type { PortRef, VariableFact } from '../model/facts';
import type { Span } from '../types';
import { pushTo } from '../util';
import type { FileModel } from '../model/files';

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

  /**
   * The definitions of `path`, the one that applies first: for the hosts that read `from` (the hosts of its
   * group), as Ansible ranks them, that group's vars, then `group_vars/all`, then the inventory's own vars, then
   * the vars of other groups (which apply only to hosts also in those groups). Without `from`, as for `all`.
   */
  lookup(path: string, from?: FileModel): readonly VariableDefinition[] {
    const found = this.definitions.get(path) ?? [];
    if (found.length < 2) return found;
    const context = from && hostGroupOf(from);
    const ranked = found.map((definition, index) => ({ definition, index, rank: rankFor(definition.file, context) }));
    ranked.sort((a, b) => b.rank - a.rank || a.index - b.index);
    return ranked.map((entry) => entry.definition);
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

  resolveExpression(expression: TemplateExpression, file: FileModel, depth: number, via: VariableDefinition[], context: FileModel = file): Resolution {
    const path = expression.path;
    if (!expression.simple || path === undefined || depth > MAX_INDIRECTIONS) return { via };
    if (expression.filters.some((filter) => !NEUTRAL_FILTERS.has(filter.name))) return { via };
    // The hosts that read the first file decide which definition applies, all along the way.
    const definition = this.lookup(path, context)[0];
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
        return this.resolveExpression(only, definition.file, depth + 1, chain, context);
      }
      return { value: fact.scalar, source: { file: definition.file, span: fact.valueSpan }, via: chain };
    }
    return { via: chain };
  }
}

/**
 * The group whose hosts read a vars file: `group_vars/<group>/...` or `group_vars/<group>.yml`, or a folder
 * beside the inventory (`inventories/prod/kube_gateway_pool/proxy.yml`). Undefined for an inventory and for a
 * file directly in the environment's folder.
 */
function hostGroupOf(file: FileModel): string | undefined {
  if (file.kind === 'inventory' || file.kind === 'kubernetes') return undefined;
  let group = groups.get(file);
  if (group === undefined) {
    const rest = file.env && file.env !== '.' && file.relativePath.startsWith(`${file.env}/`) ? file.relativePath.slice(file.env.length + 1) : file.relativePath;
    const parts = rest.split('/');
    if (parts[0] === 'group_vars' && parts.length > 1) group = (parts[1] ?? '').replace(/\.(ya?ml|json)$/i, '');
    else group = parts.length > 1 ? (parts[0] ?? '') : '';
    groups.set(file, group);
  }
  return group || undefined;
}

const groups = new WeakMap<FileModel, string>();

function rankFor(file: FileModel, context: string | undefined): number {
  if (file.kind === 'inventory') return 1;
  const group = hostGroupOf(file);
  if (group !== undefined && group === context && group !== 'all') return 3;
  return group === undefined || group === 'all' ? 2 : 0;
}
