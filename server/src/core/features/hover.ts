import { isMagicVariable } from '../jinja/magic';
import type { Chain, Hop } from '../rules/chain';
import { serviceName } from '../rules/chain';
import { hostValueLines, outOfReachNote } from './hostValues';
import { where } from '../rules/sink';
import type { EnvironmentView } from '../rules/view';
import { resolveRef } from '../schema/jsonSchema';
import { SCHEMAS } from '../schema/schemas';
import type { Position } from '../types';
import type { Workspace } from '../workspace/workspace';
import type { FileModel } from '../workspace/fileModel';
import { chainIndex, viewIndex } from './chainIndex';
import { chainLine, hopValue } from './chainText';
import { groupDefinitions } from './names';
import { groupHosts } from './groups';
import { describe, schemaAt } from './schemaAt';
import { symbolAt, type KeySymbol, type PortSymbol, type SymbolAt } from './symbolAt';
import type { HoverResult } from './types';

const WARN = '⚠';
/** A Service reached from several environments shows this many chains at most. */
const MAX_CHAINS = 4;

/** On a port, an app, a stream, a group or a `{{ }}` reference: the chain; on any other key, its schema description. */
export function hover(workspace: Workspace, path: string, position: Position): HoverResult | undefined {
  const file = workspace.file(path);
  if (!file) return undefined;
  const symbol = symbolAt(workspace, file, file.lines.offsetAt(position));
  if (!symbol) return undefined;
  const markdown = markdownOf(workspace, symbol, file);
  return markdown ? { markdown, range: file.lines.rangeOf(symbol.span) } : undefined;
}

function markdownOf(workspace: Workspace, symbol: SymbolAt, file: FileModel): string | undefined {
  switch (symbol.kind) {
    case 'port':
      return portMarkdown(symbol);
    case 'service': {
      if (symbol.chains.length) return chainsMarkdown(symbol.chains);
      const first = symbol.service.ports.find((port) => port.nodePort);
      const name = symbol.service.namespace ? `${symbol.service.namespace}/${symbol.service.name?.value ?? ''}` : (symbol.service.name?.value ?? '');
      return `Service **${name}** (type ${symbol.service.type?.value ?? 'ClusterIP'}${first?.nodePort ? `, nodePort ${first.nodePort.value}` : ''}): no app's chain reaches it.`;
    }
    case 'app': {
      const view = workspace.environment(symbol.env);
      const chain = chainIndex(workspace, symbol.env).byApp.get(symbol.app);
      if (chain) return chainMarkdown(chain);
      return view ? looseApp(workspace, view, symbol.app) : undefined;
    }
    case 'stream': {
      const chain = chainIndex(workspace, symbol.env).byStream.get(symbol.name);
      if (chain) return chainMarkdown(chain);
      const view = workspace.environment(symbol.env);
      const route = view ? viewIndex(view).routesByStream.get(symbol.name)?.[0] : undefined;
      if (!route) return `Stream **${symbol.name}**: no route of environment ${view?.name ?? symbol.env} defines it.`;
      const stream = route.entry.stream;
      return `Stream **${symbol.name}** of route **${route.entry.app}**: port ${stream?.port?.text ?? '?'} on the hosts of ${stream?.group?.value ?? '?'} — ${where(route.file, route.entry.keySpan)}\n\nNot a Kubernetes chain: the stream's group is not ${workspace.currentSettings().gatewayGroup} and no HAProxy entry is named ${route.entry.app}.`;
    }
    case 'group':
      return groupMarkdown(workspace, symbol.env, symbol.name);
    case 'variable':
      return variableMarkdown(workspace, symbol.env, symbol.path, file);
    case 'key':
      return keyMarkdown(symbol);
  }
}

function chainsMarkdown(chains: readonly Chain[]): string {
  const shown = chains.slice(0, MAX_CHAINS).map(chainMarkdown);
  if (chains.length > MAX_CHAINS) shown.push(`… and ${chains.length - MAX_CHAINS} more chains.`);
  return shown.join('\n\n---\n\n');
}

const isOff = (hop: Hop, chain: Chain): boolean => hop.value !== undefined && chain.expected !== undefined && hop.value !== chain.expected;

/** The chain's line, then each hop with its value, its place and a mark on the hops that disagree. */
export function chainMarkdown(chain: Chain): string {
  const lines = [`**${chain.app}** (environment ${chain.envName})`, '', `\`${chainLine(chain)}\``, ''];
  for (const hop of chain.hops) {
    const off = isOff(hop, chain);
    const via = hop.via.length && hop.kind !== 'variable' ? ` via \`${hop.via.map((definition) => definition.fact.path).join(' -> ')}\`` : '';
    const mismatch = off ? ` — **mismatch**: the chain's port is ${chain.expected ?? '?'}` : '';
    lines.push(`- ${off ? `${WARN} ` : ''}${hop.label}: ${hopValue(hop)}${via} — ${where(hop.file, hop.span)}${mismatch}`);
  }
  lines.push('');
  const links: string[] = [];
  if (chain.expected !== undefined) links.push(`Chain port: **${chain.expected}**.`);
  if (chain.route && chain.proxy) links.push(chain.routeProxyLink === 'port' ? `Nginx route ${chain.route.entry.app} linked to HAProxy entry ${chain.proxy.entry.app} by port.` : 'Nginx route and HAProxy entry linked by key.');
  if (chain.service) links.push(`Service ${serviceName(chain.service)} linked by ${chain.service.by === 'nodePort' ? 'nodePort' : 'name'}.`);
  else links.push('No Service found (by nodePort or by name).');
  if (!chain.route) links.push('No Nginx route.');
  if (!chain.proxy) links.push('No HAProxy entry.');
  lines.push(links.join(' '));
  return lines.join('\n');
}

function portMarkdown(symbol: PortSymbol): string {
  if (symbol.chains.length) return chainsMarkdown(symbol.chains);
  if (symbol.service) {
    const { port } = symbol.service;
    const parts = [port.nodePort ? `nodePort ${port.nodePort.value}` : undefined, port.port !== undefined ? `port ${port.port}` : undefined, port.targetPort !== undefined ? `targetPort ${port.targetPort}` : undefined].filter(Boolean);
    return `${symbol.label}: \`${symbol.text}\`\n\n\`${parts.join(' -> ')}\`; no app's chain reaches this Service.`;
  }
  return `${symbol.label}: **${symbol.text}**\n\nNot part of a Kubernetes chain: no HAProxy entry and no stream to the gateway group use it.`;
}

/** An app that no chain holds: its Nginx route (to another group) and its variable. */
function looseApp(workspace: Workspace, view: EnvironmentView, app: string): string {
  const lines = [`**${app}** (environment ${view.name}): not exposed through ${workspace.currentSettings().gatewayGroup}.`, ''];
  for (const { file, entry } of viewIndex(view).routesByApp.get(app) ?? []) {
    const stream = entry.stream;
    const location = entry.locations.map((at) => at.value).join(', ');
    lines.push(`- Nginx ${location || '(no location)'} -> ${stream?.name?.value ?? 'no stream'} :${stream?.port?.text ?? '?'} on ${stream?.group?.value ?? '?'} — ${where(file, entry.keySpan)}`);
  }
  const variable = view.scope.lookup(`app.${app}.port`)[0] ?? view.scope.lookup(`app.${app}`)[0];
  if (variable) lines.push(`- \`${variable.fact.path}\`${variable.fact.kind === 'scalar' ? ` = ${String(variable.fact.scalar)}` : ''} — ${where(variable.file, variable.fact.keySpan)}`);
  return lines.join('\n').trimEnd();
}

function groupMarkdown(workspace: Workspace, env: string, name: string): string {
  const view = workspace.environment(env);
  if (!view) return `Group **${name}**.`;
  const places = groupDefinitions(view, name);
  const gateway = name === workspace.currentSettings().gatewayGroup ? ' (the Kubernetes gateway group)' : '';
  if (!places.length) {
    if (name === 'all' || name === 'ungrouped') return `Group **${name}**: defined by Ansible itself${gateway}.`;
    return `Group **${name}** is not in the inventory of environment ${view.name}${gateway}.`;
  }
  const hosts = groupHosts(view, name).size;
  const files = [...new Set(places.map((place) => where(place.file, place.span)))];
  return `Inventory group **${name}**${gateway}: ${hosts} host${hosts === 1 ? '' : 's'} — ${files.join(', ')}`;
}

/** The definition that applies to the hosts reading `file` comes first; the others are listed after it. */
function variableMarkdown(workspace: Workspace, env: string, path: string, file: FileModel): string {
  const view = workspace.environment(env);
  if (!view) return `\`${path}\``;
  const definitions = view.scope.lookup(path, file);
  const definition = definitions[0];
  if (!definition) {
    const root = path.split('.')[0] ?? path;
    if (isMagicVariable(root)) return `\`${path}\`: an Ansible magic variable, set by Ansible at run time.`;
    if (view.scope.isDefined(path)) return [`\`${path}\`: not defined for the hosts that read this file.`, ...hostValueLines(view, path, file)].join('\n');
    return `\`${path}\` is not defined in environment ${view.name}. ${outOfReachNote(view, path, file)}`;
  }
  const { fact } = definition;
  let value: string;
  if (fact.kind === 'scalar') {
    const resolved = view.scope.resolveExpression({ span: fact.keySpan, path, filters: [], simple: true }, definition.file, 0, [], file);
    const through = resolved.via.length > 1 ? ` via \`${resolved.via.map((step) => step.fact.path).join(' -> ')}\`` : '';
    value = resolved.expression !== undefined ? ` = ${hopValue(resolved)}${through}` : ` = **${String(resolved.value ?? fact.scalar)}**${through}`;
  } else {
    value = ` (${fact.kind})`;
  }
  const lines = [`\`${path}\`${value} — ${where(definition.file, fact.keySpan)}`];
  lines.push(...hostValueLines(view, path, file));
  for (const other of definitions.slice(1, 6)) lines.push(`- also defined${other.fact.kind === 'scalar' ? ` as ${String(other.fact.scalar)}` : ''} — ${where(other.file, other.fact.keySpan)}`);
  const app = /^app\.([^.]+)\.port$/.exec(path)?.[1];
  const chain = app === undefined ? undefined : chainIndex(workspace, env).byApp.get(app);
  if (chain) lines.push('', chainMarkdown(chain));
  return lines.join('\n');
}

function keyMarkdown(symbol: KeySymbol): string | undefined {
  if (!symbol.schema) return undefined;
  const root = SCHEMAS[symbol.schema];
  const schema = schemaAt(root, symbol.path);
  if (!schema) return undefined;
  const description = describe(schema, root);
  const resolved = resolveRef(schema, root);
  const allowed = resolved.enum?.length ? `Allowed: ${resolved.enum.map((value) => `\`${String(value)}\``).join(', ')}.` : undefined;
  const text = [description, allowed].filter((part): part is string => part !== undefined).join('\n\n');
  return text || undefined;
}
