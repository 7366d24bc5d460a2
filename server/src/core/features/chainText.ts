import type { Chain, Hop } from '../rules/chain';
import { serviceName } from '../rules/chain';
import { where } from '../rules/sink';

const WARN = '⚠';

function mark(hop: Hop | undefined, chain: Chain): string {
  return hop?.value !== undefined && chain.expected !== undefined && hop.value !== chain.expected ? ` ${WARN}` : '';
}

const hopOf = (chain: Chain, kind: Hop['kind']): Hop | undefined => chain.hops.find((hop) => hop.kind === kind);

/** `Nginx /v-admin/ -> stream_vadmin :30164 ⚠ -> HAProxy pgadmin4 :30165 -> Service postgresql/pgadmin nodePort 30165 -> targetPort 80` */
export function chainLine(chain: Chain): string {
  const parts: string[] = [];
  const route = chain.route?.entry;
  if (route) {
    const location = route.locations[0]?.value;
    if (location) parts.push(`Nginx ${location}${route.locations.length > 1 ? ` (+${route.locations.length - 1})` : ''}`);
    const stream = hopOf(chain, 'stream');
    parts.push(`${route.stream?.name?.value ?? 'stream'} :${stream?.value ?? '?'}${mark(stream, chain)}`);
  }
  if (chain.proxy) {
    const port = hopOf(chain, 'haproxy-port');
    parts.push(`HAProxy ${chain.proxy.entry.app} :${port?.value ?? '?'}${mark(port, chain)}`);
  }
  if (chain.service) {
    const service = hopOf(chain, 'service');
    parts.push(`Service ${serviceName(chain.service)}${service ? ` nodePort ${service.value ?? '?'}${mark(service, chain)}` : ' (no nodePort)'}`);
    const target = chain.service.port?.targetPort;
    if (target !== undefined) parts.push(`targetPort ${target}`);
  } else {
    parts.push('no Service found');
  }
  return parts.join(' -> ');
}

/** `**30165**`; for a computed value `` `{{ x | int + 1 }}` -> **30166** ``; unresolved, with the part not read. */
export function hopValue(hop: { readonly value?: number | string; readonly expression?: string; readonly unresolved?: string }): string {
  const expression = hop.expression !== undefined ? `\`${hop.expression.replace(/`/g, "'")}\` -> ` : '';
  if (hop.value !== undefined) return `${expression}**${hop.value}**`;
  return `${expression}**unresolved**${hop.unresolved !== undefined ? ` (not read: ${hop.unresolved})` : ''}`;
}

/** The chain as markdown: its line, then each hop with its value and place. */
export function chainMarkdown(chain: Chain): string {
  const lines = [`**${chain.app}** (environment ${chain.envName})`, '', `\`${chainLine(chain)}\``, ''];
  for (const hop of chain.hops) {
    const via = hop.via.length && hop.kind !== 'variable' ? ` via \`${hop.via.map((definition) => definition.fact.path).join(' -> ')}\`` : '';
    lines.push(`- ${mark(hop, chain).trim() ? `${WARN} ` : ''}${hop.label}: ${hopValue(hop)}${via} — ${where(hop.file, hop.span)}`);
  }
  if (chain.expected !== undefined) lines.push('', `Chain port: **${chain.expected}**`);
  return lines.join('\n');
}

/** `Service postgresql/pgadmin · HAProxy :30165 · Nginx /v-admin/`, for code lenses. */
export function chainLens(chain: Chain): string {
  const parts: string[] = [];
  parts.push(chain.service ? `Service ${serviceName(chain.service)}` : 'no Service');
  const port = hopOf(chain, 'haproxy-port');
  parts.push(chain.proxy ? `HAProxy :${port?.value ?? '?'}` : 'no HAProxy entry');
  const location = chain.route?.entry.locations[0]?.value;
  parts.push(chain.route ? `Nginx ${location ?? chain.route.entry.app}` : 'no Nginx route');
  const broken = chain.hops.some((hop) => mark(hop, chain));
  return `${broken ? `${WARN} ` : ''}${parts.join(' · ')}`;
}
