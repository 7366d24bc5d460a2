import { appendEntry } from '../edit/append';
import { styleOf, type TextStyle } from '../edit/style';
import type { PortRef } from '../model/facts';
import type { EnvironmentView } from '../rules/view';
import type { Range, Span } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import type { TextEdit, WorkspaceEdit } from './types';

/** Replaces only the digits of the number inside `range`, so quotes and anything around them stay. */
export function replaceNumber(file: FileModel, range: Range, value: number): TextEdit | undefined {
  const start = file.lines.offsetAt(range.start);
  const text = file.text.slice(start, file.lines.offsetAt(range.end));
  const digits = /\d+/.exec(text);
  if (!digits) return undefined;
  const from = start + digits.index;
  return { range: file.lines.rangeOf({ start: from, end: from + digits[0].length }), newText: String(value) };
}

/** The port of proxy.yml or routes.yml written as a plain number exactly at `span`, if there is one. */
export function literalPortAt(file: FileModel, span: Span): PortRef | undefined {
  const refs: (PortRef | undefined)[] = [];
  for (const entry of file.proxy?.entries ?? []) refs.push(entry.port, entry.destinationPort);
  for (const entry of file.routes?.entries ?? []) refs.push(entry.stream?.port);
  return refs.find((ref) => ref?.literal !== undefined && ref.span.start === span.start && ref.span.end === span.end);
}

/**
 * Adds an entry to the end of a file of the environment (after its last entry, with its own indentation
 * and line endings), or creates the file at `fallback` (relative to the environment's folder) when the
 * environment has none. Undefined when the file is not valid YAML (its entries cannot be seen, so the one to add
 * may well be there already) or when a new file would not be read as the expected kind.
 */
export function addEntry(
  workspace: Workspace,
  view: EnvironmentView,
  target: FileModel | undefined,
  kind: 'proxy' | 'routes',
  fallback: string,
  render: (style: TextStyle, base: string) => string,
): { edit: WorkspaceEdit; file: string; relativePath: string } | undefined {
  if (target?.problems.some((problem) => problem.code === 'yaml-syntax' || problem.code === 'file-skipped')) return undefined;
  if (target) return { edit: { changes: { [target.path]: [appendEntry(target, render)] } }, file: target.path, relativePath: target.relativePath };
  const relativePath = `${view.id}/${fallback}`;
  const path = `${workspace.root.replace(/\/+$/, '')}/${relativePath}`;
  if (workspace.file(path) || workspace.kindOf(path) !== kind) return undefined;
  // A new file follows the environment's other files.
  const sibling = view.files.find((file) => file.kind === 'proxy' || file.kind === 'routes' || file.kind === 'vars');
  const style = sibling ? styleOf(sibling.text) : { eol: '\n', indent: '  ' };
  return { edit: { changes: {}, creates: [{ file: path, text: `${render(style, '')}${style.eol}` }] }, file: path, relativePath };
}
