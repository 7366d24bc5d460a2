import type { Chain } from '../rules/chain';
import type { Position, Span } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { groupOccurrences, streamOccurrences, variableDefinitions } from './occurrences';
import { targetAt, type Target } from './target';
import type { Location } from './types';

export function definition(workspace: Workspace, path: string, position: Position): Location[] {
  const file = workspace.file(path);
  if (!file) return [];
  const target = targetAt(workspace, file, file.lines.offsetAt(position));
  return target ? definitionsOf(workspace, file, target) : [];
}

export function definitionsOf(workspace: Workspace, file: FileModel, target: Target): Location[] {
  const view = 'env' in target ? workspace.environment(target.env) : undefined;
  switch (target.kind) {
    case 'variable': {
      if (!view) return [];
      // The deepest part of the path that is defined: `app.web` when `app.web.port` is not.
      const parts = target.path.split('.');
      for (let length = parts.length; length > 0; length--) {
        const found = variableDefinitions(view, parts.slice(0, length).join('.'));
        if (found.length) return found.map(location);
      }
      return [];
    }
    case 'stream':
      return view ? streamOccurrences(view, target.name).filter((occurrence) => occurrence.definition).map(location) : [];
    case 'group':
      return view ? groupOccurrences(view, target.name).filter((occurrence) => occurrence.definition).map(location) : [];
    case 'app': {
      const chain = workspace.chains(target.env).find((candidate) => candidate.app === target.app);
      return chain ? chainMembers(chain).filter((member) => !(member.file === file && overlaps(member.span, target.span))).map(location) : [];
    }
    case 'port':
      return chainMembers(target.chain).filter((member) => !(member.file === file && overlaps(member.span, target.span))).map(location);
    case 'service':
      return target.chain ? chainMembers(target.chain).filter((member) => member.file !== file).map(location) : [];
    case 'key':
      return [];
  }
}

/** The places that make up a chain: the entries' keys and every hop's port. */
export function chainMembers(chain: Chain): { file: FileModel; span: Span }[] {
  const members: { file: FileModel; span: Span }[] = [];
  if (chain.route) members.push({ file: chain.route.file, span: chain.route.entry.keySpan });
  if (chain.proxy) members.push({ file: chain.proxy.file, span: chain.proxy.entry.keySpan });
  for (const hop of chain.hops) members.push({ file: hop.file, span: hop.span });
  return members;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function location(place: { file: FileModel; span: Span }): Location {
  return { file: place.file.path, range: place.file.lines.rangeOf(place.span) };
}
