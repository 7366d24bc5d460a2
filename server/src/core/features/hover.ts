import { SCHEMAS } from '../schema/schemas';
import { where } from '../rules/sink';
import type { Position } from '../types';
import type { Workspace } from '../workspace/workspace';
import { chainMarkdown } from './chainText';
import { describe, schemaAt } from './schemaAt';
import { targetAt, type Target } from './target';
import type { HoverResult } from './types';

export function hover(workspace: Workspace, path: string, position: Position): HoverResult | undefined {
  const file = workspace.file(path);
  if (!file) return undefined;
  const target = targetAt(workspace, file, file.lines.offsetAt(position));
  if (!target) return undefined;
  const markdown = markdownOf(workspace, target);
  return markdown ? { markdown, range: file.lines.rangeOf(target.span) } : undefined;
}

function markdownOf(workspace: Workspace, target: Target): string | undefined {
  switch (target.kind) {
    case 'port':
      return chainMarkdown(target.chain);
    case 'service':
      return target.chain ? chainMarkdown(target.chain) : `Service **${target.at.service.name?.value ?? ''}**: no app's chain reaches it.`;
    case 'app': {
      const chain = workspace.chains(target.env).find((candidate) => candidate.app === target.app);
      return chain ? chainMarkdown(chain) : `App **${target.app}**: not exposed through ${workspace.currentSettings().gatewayGroup}.`;
    }
    case 'stream': {
      const chain = workspace.chains(target.env).find((candidate) => candidate.route?.entry.stream?.name?.value === target.name);
      if (chain) return chainMarkdown(chain);
      const route = workspace.environment(target.env)?.routeEntries.find((at) => at.entry.stream?.name?.value === target.name);
      return route ? `Stream **${target.name}** of route ${route.entry.app}, port ${route.entry.stream?.port?.text ?? '?'} on ${route.entry.stream?.group?.value ?? '?'} — ${where(route.file, route.entry.keySpan)}` : `Stream **${target.name}**: no route of this environment defines it.`;
    }
    case 'group': {
      const places = workspace.environment(target.env)?.groups.get(target.name) ?? [];
      return places.length ? `Inventory group **${target.name}** — ${places.map((place) => where(place.file, place.span)).join(', ')}` : `Group **${target.name}** is not in this environment's inventory.`;
    }
    case 'variable':
      return variableMarkdown(workspace, target.env, target.path);
    case 'key': {
      const root = SCHEMAS[target.schema];
      const schema = schemaAt(root, target.path);
      return schema ? describe(schema, root) : undefined;
    }
  }
}

function variableMarkdown(workspace: Workspace, env: string, path: string): string {
  const view = workspace.environment(env);
  const definition = view?.scope.lookup(path)[0];
  if (!view || !definition) return `\`${path}\` is not defined in environment ${view?.name ?? env}.`;
  const resolved = view.scope.resolveExpression({ span: definition.fact.keySpan, path, filters: [], simple: true }, definition.file, 0, []);
  const value = definition.fact.kind === 'scalar' ? ` = **${String(resolved.value ?? definition.fact.scalar)}**` : ` (${definition.fact.kind})`;
  const lines = [`\`${path}\`${value} — ${where(definition.file, definition.fact.keySpan)}`];
  const app = /^app\.([^.]+)\.port$/.exec(path)?.[1];
  const chain = app ? workspace.chains(env).find((candidate) => candidate.app === app) : undefined;
  if (chain) lines.push('', chainMarkdown(chain));
  return lines.join('\n');
}
