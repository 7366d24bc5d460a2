import { isMap, isScalar, isSeq } from 'yaml';
import { serviceName } from '../rules/chain';
import type { Span } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { entries, keySpanOf, spanOf } from '../yaml/nodes';
import { location } from './definition';
import type { SymbolEntry, SymbolKind, WorkspaceSymbolEntry } from './types';

export function documentSymbols(workspace: Workspace, path: string): SymbolEntry[] {
  const file = workspace.file(path);
  if (!file) return [];
  const range = (span: Span) => file.lines.rangeOf(span);
  const symbol = (name: string, kind: SymbolKind, whole: Span, selection: Span, detail?: string, children?: SymbolEntry[]): SymbolEntry => ({
    name,
    kind,
    range: range(whole),
    selectionRange: range(selection),
    ...(detail ? { detail } : {}),
    ...(children?.length ? { children } : {}),
  });
  switch (file.kind) {
    case 'routes':
      return (file.routes?.entries ?? []).map((entry) => {
        const children = entry.locations.map((location) => symbol(location.value, 'location', location.span, location.span));
        const stream = entry.stream;
        if (stream?.name) children.push(symbol(stream.name.value, 'stream', stream.name.span, stream.name.span, stream.port ? `:${stream.port.text}` : undefined));
        return symbol(entry.app, 'app', { start: entry.keySpan.start, end: entry.entrySpan.end }, entry.keySpan, stream?.group?.value, children);
      });
    case 'proxy':
      return (file.proxy?.entries ?? []).map((entry) => {
        const children = entry.port ? [symbol('port', 'port', entry.port.span, entry.port.span, entry.port.text)] : [];
        return symbol(entry.app, 'app', { start: entry.keySpan.start, end: entry.entrySpan.end }, entry.keySpan, entry.mode?.value, children);
      });
    case 'kubernetes':
      return file.services.map((service) => {
        const children = service.ports.flatMap((port) => (port.nodePort ? [symbol(port.name ?? String(port.port ?? 'port'), 'port', port.span, port.nodePort.span, `nodePort ${port.nodePort.value}`)] : []));
        const name = service.namespace ? `${service.namespace}/${service.name?.value ?? ''}` : (service.name?.value ?? 'Service');
        return symbol(name, 'service', service.name?.span ?? service.anchor, service.name?.span ?? service.anchor, service.type?.value ?? 'ClusterIP', children);
      });
    case 'inventory':
      return (file.inventory?.groups ?? []).filter((group) => group.span.end > group.span.start).map((group) => symbol(group.name, 'group', group.span, group.span));
    case 'vars':
      return file.documents.flatMap((document) => variableTree(file, document.contents, 0));
  }
}

const MAX_TREE_DEPTH = 6;

function variableTree(file: FileModel, node: unknown, depth: number): SymbolEntry[] {
  if (depth > MAX_TREE_DEPTH) return [];
  return entries(node).flatMap((entry) => {
    const keySpan = keySpanOf(entry.pair);
    const valueSpan = spanOf(entry.value as never);
    if (!keySpan) return [];
    const whole = { start: keySpan.start, end: valueSpan?.end ?? keySpan.end };
    const children = isMap(entry.value) ? variableTree(file, entry.value, depth + 1) : [];
    const detail = isScalar(entry.value) ? String(entry.value.value) : isSeq(entry.value) ? 'list' : undefined;
    return [{ name: entry.key, kind: 'variable' as const, range: file.lines.rangeOf(whole), selectionRange: file.lines.rangeOf(keySpan), ...(detail ? { detail } : {}), ...(children.length ? { children } : {}) }];
  });
}

const MAX_RESULTS = 500;

/** Apps, streams, Services and groups of every environment whose name contains the query's letters in order. */
export function workspaceSymbols(workspace: Workspace, query: string): WorkspaceSymbolEntry[] {
  const wanted = query.toLowerCase();
  const matches = (name: string): boolean => {
    let at = 0;
    const lower = name.toLowerCase();
    for (const char of wanted) {
      at = lower.indexOf(char, at);
      if (at < 0) return false;
      at++;
    }
    return true;
  };
  const result: WorkspaceSymbolEntry[] = [];
  const add = (entry: WorkspaceSymbolEntry): boolean => {
    if (matches(entry.name)) result.push(entry);
    return result.length < MAX_RESULTS;
  };
  for (const env of workspace.environmentNames()) {
    const view = workspace.environment(env);
    if (!view) continue;
    for (const { file, entry } of [...view.routeEntries, ...view.proxyEntries]) {
      if (!add({ name: entry.app, kind: 'app', location: location({ file, span: entry.keySpan }), container: `${view.name} · ${file.relativePath}` })) return result;
    }
    for (const { file, entry } of view.routeEntries) {
      if (entry.stream?.name && !add({ name: entry.stream.name.value, kind: 'stream', location: location({ file, span: entry.stream.name.span }), container: view.name })) return result;
    }
    for (const [name, places] of view.groups) {
      const place = places[0];
      if (place && !add({ name, kind: 'group', location: location(place), container: view.name })) return result;
    }
  }
  for (const at of workspace.serviceIndex().all) {
    if (!at.service.name) continue;
    if (!add({ name: serviceName(at), kind: 'service', location: location({ file: at.file, span: at.service.name.span }), container: at.file.relativePath })) return result;
  }
  return result;
}
