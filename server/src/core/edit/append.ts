import { isMap, type Node } from 'yaml';
import { getPath } from '../yaml/nodes';
import type { FileModel } from '../workspace/fileModel';
import type { TextEdit } from './types';
import { styleOf } from './style';
import { documentsOf } from '../workspace/documents';

/**
 * An edit that adds a top-level entry (or one under `proxies.routes` in the wrapped form) after the last
 * one, with the file's own indentation and line endings; no existing byte changes.
 */
export function appendEntry(file: FileModel, render: (style: ReturnType<typeof styleOf>, base: string) => string): TextEdit {
  const style = styleOf(file.text);
  const container = entriesContainer(file);
  if (!container?.range) {
    const at = file.lines.positionAt(file.text.length);
    const separator = file.text.length === 0 ? '' : file.text.endsWith('\n') ? (file.text.trim() ? style.eol : '') : `${style.eol}${style.eol}`;
    return { range: { start: at, end: at }, newText: `${separator}${render(style, '')}${style.eol}` };
  }
  const column = file.lines.positionAt(container.range[0]).character;
  const at = file.lines.positionAt(contentEnd(file.text, container.range[1]));
  return { range: { start: at, end: at }, newText: `${style.eol}${style.eol}${render(style, ' '.repeat(column))}` };
}

/** The map whose entries are apps: the last document's root, or `proxies.routes`. */
function entriesContainer(file: FileModel): Node | undefined {
  const documents = documentsOf(file);
  for (let index = documents.length - 1; index >= 0; index--) {
    const root = documents[index]?.contents;
    if (!isMap(root)) continue;
    const routes = getPath(root, ['proxies', 'routes'])?.value;
    if (file.kind === 'proxy' && isMap(routes)) return routes;
    return root;
  }
  return undefined;
}

/** Where the last content before `offset` ends: a block node's range takes in the line break after it. */
export function contentEnd(text: string, offset: number): number {
  let end = Math.min(offset, text.length);
  while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
  return end;
}
