import type { Chain } from '../rules/chain';
import type { Span } from '../types';
import type { Workspace } from '../workspace/workspace';
import { chainIndex, chainsOfService } from './chainIndex';
import { chainLens } from './chainText';
import { chainMembers, dedupe, location } from './definition';
import type { CodeLensEntry } from './types';

/**
 * A lens over each app key of proxy.yml and routes.yml and over the name of each Service a chain reaches:
 * the chain in one line, a click away from its other files.
 */
export function codeLenses(workspace: Workspace, path: string): CodeLensEntry[] {
  const file = workspace.file(path);
  if (!file) return [];
  const lenses: CodeLensEntry[] = [];
  const lens = (chain: Chain, span: Span, prefix = ''): void => {
    const others = dedupe(chainMembers(chain)).filter((member) => member.file !== file);
    lenses.push({ range: file.lines.rangeOf(span), title: `${prefix}${chainLens(chain)}`, locations: others.map(location) });
  };
  if (file.kind === 'kubernetes') {
    for (const service of file.services) {
      if (!service.name) continue;
      const chains = chainsOfService(workspace, service);
      const envs = new Set(chains.map((chain) => chain.env));
      for (const chain of chains) lens(chain, service.name.span, envs.size > 1 ? `${chain.envName}: ` : '');
    }
    return lenses;
  }
  if (file.env === undefined || (file.kind !== 'routes' && file.kind !== 'proxy')) return lenses;
  const index = chainIndex(workspace, file.env);
  for (const chain of index.byEntryFile.get(file) ?? []) {
    const key = chain.route?.file === file ? chain.route.entry.keySpan : chain.proxy?.file === file ? chain.proxy.entry.keySpan : undefined;
    if (key) lens(chain, key);
  }
  // Routes that do not go through Kubernetes still say where they go.
  const gateway = workspace.currentSettings().gatewayGroup;
  for (const entry of file.routes?.entries ?? []) {
    if (index.byApp.has(entry.app)) continue;
    const stream = entry.stream;
    const parts = [`Nginx ${entry.locations[0]?.value ?? '(no location)'}`, stream?.name ? `stream ${stream.name.value} :${stream.port?.text ?? '?'}` : 'no stream', `${stream?.group?.value ?? 'no group'} (not through ${gateway})`];
    lenses.push({ range: file.lines.rangeOf(entry.keySpan), title: parts.join(' · '), locations: [] });
  }
  return lenses;
}
