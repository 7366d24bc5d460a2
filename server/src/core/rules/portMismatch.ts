import type { Chain, Hop } from './chain';
import { serviceName } from './chain';
import { where, type RawRelated, type Sink } from './sink';

/** Reports each place where a number is written that disagrees with the rest of its chain, once per place. */
export function checkPortMismatch(chain: Chain, emit: Sink): void {
  const expected = chain.expected;
  if (expected === undefined) return;
  const reference = chain.hops.find((hop) => hop.value === expected);
  if (!reference) return;
  const reported = new Set<string>();
  for (const hop of chain.hops) {
    if (hop.value === undefined || hop.value === expected || !hop.source) continue;
    const key = `${hop.source.file.path}:${hop.source.span.start}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const related: RawRelated[] = chain.hops
      .filter((other) => other !== hop)
      .map((other) => ({ file: other.file, span: other.span, message: `${other.label}: ${other.value ?? 'unresolved'}` }));
    emit({
      file: hop.source.file,
      span: hop.source.span,
      code: 'port-mismatch',
      message: `${describe(hop)} is ${hop.value}, but ${describe(reference)} is ${expected} (${where(reference.file, reference.span)}). ${howLinked(chain, hop, reference)}`,
      related,
      data: { app: chain.app, env: chain.env, expectedPort: expected },
    });
  }
}

function describe(hop: Hop): string {
  const through = hop.via.length > 0 && hop.kind !== 'variable' ? ` (through ${hop.via.map((definition) => definition.fact.path).join(' -> ')})` : '';
  // A computed value says what computed it: `{{ app.x.port | int + 1 }}` is not the variable's value.
  const rendered = hop.expression !== undefined ? ` ${hop.expression.trim()}` : '';
  return `${hop.label}${rendered}${through}`;
}

function howLinked(chain: Chain, hop: Hop, reference: Hop): string {
  const parts = [`Both belong to app ${chain.app} of environment ${chain.envName}`];
  if (chain.route && chain.proxy) {
    parts.push(chain.routeProxyLink === 'port' ? `the Nginx route and HAProxy entry ${chain.proxy.entry.app} are linked by their port` : `Nginx and HAProxy are linked by the app key`);
  }
  if (chain.service && (hop.kind === 'service' || reference.kind === 'service')) {
    const service = chain.service;
    parts.push(
      service.by === 'nodePort'
        ? `Service ${serviceName(service)} is linked by its nodePort ${service.port?.nodePort?.value ?? ''}`
        : `Service ${serviceName(service)} is linked by its name`,
    );
  }
  if (hop.kind === 'variable' || reference.kind === 'variable') parts.push(`app.${chain.app}.port is the app's port variable`);
  return `${parts.join('; ')}.`;
}
