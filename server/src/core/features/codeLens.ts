import type { Chain } from '../rules/chain';
import type { Span } from '../types';
import type { Workspace } from '../workspace/workspace';
import { chainLens } from './chainText';
import { chainMembers, location } from './definition';
import type { CodeLensEntry } from './types';

/** A lens over each app entry and each linked Service: the chain in one line, clickable to its other files. */
export function codeLenses(workspace: Workspace, path: string): CodeLensEntry[] {
  const file = workspace.file(path);
  if (!file) return [];
  const chains = file.kind === 'kubernetes' ? workspace.chains().filter((chain) => chain.service?.file === file) : file.env === undefined ? [] : workspace.chains(file.env);
  const lenses: CodeLensEntry[] = [];
  const lens = (chain: Chain, span: Span): void => {
    const others = chainMembers(chain).filter((member) => member.file !== file);
    lenses.push({ range: file.lines.rangeOf(span), title: chainLens(chain), locations: others.map(location) });
  };
  for (const chain of chains) {
    if (file.kind === 'kubernetes') {
      const name = chain.service?.service.name;
      if (name) lens(chain, name.span);
    } else if (chain.route?.file === file) {
      lens(chain, chain.route.entry.keySpan);
    } else if (chain.proxy?.file === file) {
      lens(chain, chain.proxy.entry.keySpan);
    }
  }
  return lenses;
}
