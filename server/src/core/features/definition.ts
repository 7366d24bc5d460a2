import type { Chain, HopKind } from '../rules/chain';
import type { Position, Span } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { chainIndex, overlaps } from './chainIndex';
import { appDeclarations, deepestDefinitions, groupDefinitions, innerSpan, streamOccurrences, variableDefinitions, type Occurrence } from './names';
import { symbolAt, type SymbolAt } from './symbolAt';
import type { Location } from './types';

export interface Place {
  readonly file: FileModel;
  readonly span: Span;
}

/**
 * Go to definition: a `{{ var }}` to the variable's key; `proxy_pass` to its stream; a group to the inventory;
 * an app key or a port to the other places of its chain.
 */
export function definition(workspace: Workspace, path: string, position: Position): Location[] {
  const file = workspace.file(path);
  if (!file) return [];
  const symbol = symbolAt(workspace, file, file.lines.offsetAt(position));
  return symbol ? definitionsOf(workspace, file, symbol).map(location) : [];
}

export function definitionsOf(workspace: Workspace, file: FileModel, symbol: SymbolAt): Place[] {
  const here = (place: Place): boolean => place.file === file && overlaps(place.span, symbol.span);
  switch (symbol.kind) {
    case 'variable': {
      const view = workspace.environment(symbol.env);
      if (!view) return [];
      // From a reference, the definition that wins for the hosts reading this file is the one jumped to first.
      return symbol.origin === 'reference' ? deepestDefinitions(view, symbol.path, file) : variableDefinitions(view, symbol.path);
    }
    case 'app': {
      const view = workspace.environment(symbol.env);
      if (!view) return [];
      if (symbol.origin === 'template') {
        const variable = deepestDefinitions(view, `app.${symbol.app}`, file);
        return variable.length ? variable : appDeclarations(view, symbol.app);
      }
      const chain = chainIndex(workspace, symbol.env).byApp.get(symbol.app);
      const others = dedupe([...(chain ? chainMembers(chain) : []), ...appDeclarations(view, symbol.app)]).filter((place) => !here(place));
      // Alone, the key is its own definition: the editor then offers its references.
      return others.length ? others : [{ file, span: symbol.span }];
    }
    case 'stream': {
      const view = workspace.environment(symbol.env);
      return view ? streamOccurrences(view, symbol.name).filter((occurrence) => occurrence.definition) : [];
    }
    case 'group': {
      const view = workspace.environment(symbol.env);
      return view ? groupDefinitions(view, symbol.name) : [];
    }
    case 'port':
      return dedupe(symbol.chains.flatMap(chainMembers)).filter((place) => !here(place));
    case 'service':
      return dedupe(symbol.chains.flatMap(chainMembers)).filter((place) => place.file !== file);
    case 'key':
      return [];
  }
}

const ORDER: Record<HopKind, number> = { service: 0, 'haproxy-port': 1, 'haproxy-destination': 2, variable: 3, stream: 4 };

/** The places that make up a chain: every hop's port (the Service's first), then the entries' keys. */
export function chainMembers(chain: Chain): Place[] {
  const members: Place[] = [...chain.hops].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]).map((hop) => ({ file: hop.file, span: hop.span }));
  if (chain.proxy) members.push({ file: chain.proxy.file, span: innerSpan(chain.proxy.file, chain.proxy.entry.keySpan) });
  if (chain.route) members.push({ file: chain.route.file, span: innerSpan(chain.route.file, chain.route.entry.keySpan) });
  return members;
}

/** Drops repeated places (a hop and a declaration at the same offset). */
export function dedupe<T extends Place | Occurrence>(places: readonly T[]): T[] {
  const seen = new Set<string>();
  return places.filter((place) => {
    const key = `${place.file.path}:${place.span.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function location(place: Place): Location {
  return { file: place.file.path, range: place.file.lines.rangeOf(place.span) };
}
