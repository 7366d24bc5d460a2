import { isMap, isScalar, isSeq } from 'yaml';
import { serviceName } from '../rules/chain';
import type { Span } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { entries, get, keySpanOf, spanOf } from '../yaml/nodes';
import { location } from './definition';
import { iniSectionsOf } from './ini';
import type { SymbolEntry, SymbolKind, WorkspaceSymbolEntry } from './types';
import { documentsOf } from '../workspace/documents';

/** Nesting and size bounds for the outline of a vars file or an inventory, so a huge or deep file stays cheap. */
const MAX_TREE_DEPTH = 6;
const MAX_TREE_SYMBOLS = 5000;
const MAX_DETAIL = 60;

/** The outline of a file: apps, Services, the variable tree or the inventory groups. */
export function documentSymbols(workspace: Workspace, path: string): SymbolEntry[] {
  const file = workspace.file(path);
  if (!file) return [];
  const make = symbolMaker(file);
  switch (file.kind) {
    case 'routes':
      return (file.routes?.entries ?? []).map((entry) => {
        const children = entry.locations.map((at) => make(at.value, 'location', at.span, at.span));
        const stream = entry.stream;
        if (stream?.name) {
          const spans = [stream.name.span, stream.port?.span, stream.group?.span].filter((span): span is Span => span !== undefined);
          const whole = { start: Math.min(...spans.map((span) => span.start)), end: Math.max(...spans.map((span) => span.end)) };
          const ports = stream.port ? [make('port', 'port', stream.port.span, stream.port.span, stream.port.text)] : [];
          const detail = `${stream.port ? `:${stream.port.text}` : ''}${stream.group ? ` on ${stream.group.value}` : ''}`.trim();
          children.push(make(stream.name.value, 'stream', whole, stream.name.span, detail, ports));
        }
        return make(entry.app, 'app', entryRange(entry.keySpan, entry.entrySpan), entry.keySpan, stream?.group?.value, children);
      });
    case 'proxy': {
      const symbols: SymbolEntry[] = [];
      const target = file.proxy?.targetGroup;
      if (target) symbols.push(make(target.value, 'group', target.span, target.span, 'proxies.target.group'));
      for (const entry of file.proxy?.entries ?? []) {
        const children: SymbolEntry[] = [];
        if (entry.port) children.push(make('port', 'port', entry.port.span, entry.port.span, entry.port.text));
        if (entry.destinationPort) children.push(make('destination port', 'port', entry.destinationPort.span, entry.destinationPort.span, `${entry.destinationPort.text}${entry.destinationGroup ? ` on ${entry.destinationGroup.value}` : ''}`));
        symbols.push(make(entry.app, 'app', entryRange(entry.keySpan, entry.entrySpan), entry.keySpan, entry.mode?.value, children));
      }
      return symbols;
    }
    case 'kubernetes':
      return file.services.map((service) => {
        const selection = service.name?.span ?? service.anchor;
        const whole = { start: Math.min(service.extent.start, selection.start), end: Math.max(service.extent.end, selection.end) };
        const children = service.ports.map((port) => {
          const parts = [port.nodePort ? `nodePort ${port.nodePort.value}` : undefined, port.port !== undefined ? `port ${port.port}` : undefined, port.targetPort !== undefined ? `targetPort ${port.targetPort}` : undefined];
          const name = port.name ?? (port.nodePort ? `nodePort ${port.nodePort.value}` : `port ${port.port ?? '?'}`);
          return make(name, 'port', port.span, port.nodePort?.span ?? port.span, parts.filter(Boolean).join(' -> '));
        });
        const name = service.namespace ? `${service.namespace}/${service.name?.value ?? ''}` : (service.name?.value ?? 'Service');
        return make(name, 'service', whole, selection, service.type?.value ?? 'ClusterIP', children);
      });
    case 'inventory': {
      const sections = iniSectionsOf(file);
      if (sections.length) return iniGroups(file);
      const budget = { left: MAX_TREE_SYMBOLS };
      return documentsOf(file).flatMap((document) => groupTree(file, document.contents, 0, budget));
    }
    case 'vars': {
      const budget = { left: MAX_TREE_SYMBOLS };
      return documentsOf(file).flatMap((document) => variableTree(file, document.contents, 0, budget));
    }
  }
}

type Maker = (name: string, kind: SymbolKind, whole: Span, selection: Span, detail?: string, children?: SymbolEntry[]) => SymbolEntry;

function symbolMaker(file: FileModel): Maker {
  return (name, kind, whole, selection, detail, children) => ({
    // An empty name is refused by VS Code.
    name: name || '""',
    kind,
    range: file.lines.rangeOf({ start: Math.min(whole.start, selection.start), end: Math.max(whole.end, selection.end) }),
    selectionRange: file.lines.rangeOf(selection),
    ...(detail ? { detail: detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail } : {}),
    ...(children?.length ? { children } : {}),
  });
}

function entryRange(key: Span, value: Span): Span {
  return { start: key.start, end: Math.max(key.end, value.end) };
}

function variableTree(file: FileModel, node: unknown, depth: number, budget: { left: number }): SymbolEntry[] {
  if (depth > MAX_TREE_DEPTH) return [];
  const make = symbolMaker(file);
  const result: SymbolEntry[] = [];
  for (const entry of entries(node)) {
    if (budget.left-- <= 0) break;
    const keySpan = keySpanOf(entry.pair);
    if (!keySpan) continue;
    const valueSpan = spanOf(entry.value as never);
    const children = isMap(entry.value) ? variableTree(file, entry.value, depth + 1, budget) : [];
    const detail = isScalar(entry.value) ? String(entry.value.value) : isSeq(entry.value) ? `list of ${entry.value.items.length}` : undefined;
    result.push(make(entry.key, 'variable', { start: keySpan.start, end: valueSpan?.end ?? keySpan.end }, keySpan, detail, children));
  }
  return result;
}

/** A YAML inventory: each group with its child groups nested, the hosts counted in the detail. */
function groupTree(file: FileModel, node: unknown, depth: number, budget: { left: number }): SymbolEntry[] {
  if (depth > MAX_TREE_DEPTH * 4) return [];
  const make = symbolMaker(file);
  const result: SymbolEntry[] = [];
  for (const entry of entries(node)) {
    if (budget.left-- <= 0) break;
    const keySpan = keySpanOf(entry.pair);
    if (!keySpan) continue;
    const valueSpan = spanOf(entry.value as never);
    const hosts = entries(get(entry.value, 'hosts')?.value).length;
    const children = groupTree(file, get(entry.value, 'children')?.value, depth + 1, budget);
    const variables = get(entry.value, 'vars') ? variableTree(file, get(entry.value, 'vars')?.value, MAX_TREE_DEPTH - 1, budget) : [];
    const detail = hosts ? `${hosts} host${hosts === 1 ? '' : 's'}` : undefined;
    result.push(make(entry.key, 'group', { start: keySpan.start, end: valueSpan?.end ?? keySpan.end }, keySpan, detail, [...children, ...variables]));
  }
  return result;
}

function iniGroups(file: FileModel): SymbolEntry[] {
  const make = symbolMaker(file);
  return iniSectionsOf(file).map((section) => {
    if (section.kind === 'vars') {
      const variables = section.items.map((item) => make(item.name, 'variable', { start: item.span.start, end: item.value?.end ?? item.span.end }, item.span, item.value ? file.text.slice(item.value.start, item.value.end) : undefined));
      return make(section.name, 'group', section.span, section.nameSpan, 'vars', variables);
    }
    if (section.kind === 'children') {
      const groups = section.items.map((item) => make(item.name, 'group', item.span, item.span));
      return make(section.name, 'group', section.span, section.nameSpan, 'children', groups);
    }
    const hosts = section.items.length;
    return make(section.name, 'group', section.span, section.nameSpan, `${hosts} host${hosts === 1 ? '' : 's'}`);
  });
}

const MAX_RESULTS = 500;

interface Candidate {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly container: string;
  readonly place: () => { file: FileModel; span: Span };
}

/**
 * Apps, streams, groups and Services of every environment whose name matches the query, case-insensitively:
 * exact names first, then prefixes, then substrings, then names holding the query's letters in order.
 */
export function workspaceSymbols(workspace: Workspace, query: string): WorkspaceSymbolEntry[] {
  const wanted = query.trim().toLowerCase();
  const ranked: { rank: number; candidate: Candidate }[] = [];
  const consider = (candidate: Candidate): void => {
    const rank = rankOf(candidate.name.toLowerCase(), wanted);
    if (rank !== undefined) ranked.push({ rank, candidate });
  };
  for (const env of workspace.environmentNames()) {
    const view = workspace.environment(env);
    if (!view) continue;
    const apps = new Set<string>();
    for (const { file, entry } of [...view.routeEntries, ...view.proxyEntries]) {
      if (apps.has(entry.app)) continue;
      apps.add(entry.app);
      consider({ name: entry.app, kind: 'app', container: view.name, place: () => ({ file, span: entry.keySpan }) });
    }
    for (const path of view.scope.paths()) {
      const app = /^app\.([^.]+)$/.exec(path)?.[1];
      if (app === undefined || apps.has(app)) continue;
      apps.add(app);
      const definition = view.scope.lookup(path)[0];
      if (definition) consider({ name: app, kind: 'app', container: view.name, place: () => ({ file: definition.file, span: definition.fact.keySpan }) });
    }
    for (const { file, entry } of view.routeEntries) {
      const stream = entry.stream?.name;
      if (stream) consider({ name: stream.value, kind: 'stream', container: view.name, place: () => ({ file, span: stream.span }) });
    }
    for (const [name, places] of view.groups) {
      const place = places.find((candidate) => candidate.span.end > candidate.span.start);
      if (place) consider({ name, kind: 'group', container: view.name, place: () => place });
    }
  }
  const services = new Set<unknown>();
  for (const at of workspace.serviceIndex().all) {
    const name = at.service.name;
    if (!name || services.has(at.service)) continue;
    services.add(at.service);
    consider({ name: serviceName(at), kind: 'service', container: at.file.env ?? at.file.relativePath, place: () => ({ file: at.file, span: name.span }) });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.candidate.name.length - b.candidate.name.length || (a.candidate.name < b.candidate.name ? -1 : a.candidate.name > b.candidate.name ? 1 : 0));
  return ranked.slice(0, MAX_RESULTS).map(({ candidate }) => ({ name: candidate.name, kind: candidate.kind, location: location(candidate.place()), container: candidate.container }));
}

/** 0 exact, 1 prefix, 2 substring, 3 letters in order; undefined when the name does not match. */
function rankOf(name: string, wanted: string): number | undefined {
  if (!wanted) return 3;
  if (name === wanted) return 0;
  const at = name.indexOf(wanted);
  if (at === 0) return 1;
  if (at > 0) return 2;
  let from = 0;
  for (const char of wanted) {
    from = name.indexOf(char, from);
    if (from < 0) return undefined;
    from++;
  }
  return 3;
}
