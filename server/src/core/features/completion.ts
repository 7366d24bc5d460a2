import { appPortReference } from '../edit/entries';
import { freeNodePort } from '../edit/freePort';
import { resolveRef, type JsonSchema } from '../schema/jsonSchema';
import { SCHEMAS, type SchemaName } from '../schema/schemas';
import type { Position } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { completionContext, type CompletionContext } from './completionContext';
import { describe, schemaAt } from './schemaAt';
import type { CompletionEntry } from './types';

const SCHEMA_OF: Partial<Record<FileModel['kind'], SchemaName>> = { proxy: 'proxy', routes: 'routes', kubernetes: 'service' };

export function completion(workspace: Workspace, path: string, position: Position): CompletionEntry[] {
  const file = workspace.file(path);
  if (!file) return [];
  const lines = file.text.split(/\r?\n|\r/);
  const context = completionContext(lines, position.line, position.character);
  const range = { start: { line: position.line, character: context.wordStart }, end: position };
  const entries = context.kind === 'key' ? keyEntries(workspace, file, context) : valueEntries(workspace, file, context);
  return entries.map((entry) => ({ ...entry, range: entry.range ?? range }));
}

function keyEntries(workspace: Workspace, file: FileModel, context: CompletionContext): CompletionEntry[] {
  if (context.path.length === 0 && (file.kind === 'proxy' || file.kind === 'routes')) return missingApps(workspace, file, context);
  const name = SCHEMA_OF[file.kind];
  if (!name) return [];
  const root = SCHEMAS[name];
  const schema = schemaAt(root, context.path);
  if (!schema) return [];
  return propertiesOf(resolveRef(schema, root), root)
    .filter(([key]) => !context.siblings.has(key))
    .map(([key, child]) => {
      const resolved = resolveRef(child, root);
      const nested = resolved.type === 'object' || resolved.type === 'array' || resolved.properties !== undefined;
      const documentation = describe(child, root);
      return { label: key, kind: 'property' as const, insertText: nested ? `${key}:` : `${key}: `, ...(documentation ? { documentation } : {}), sortText: `0${key}` };
    });
}

function propertiesOf(schema: JsonSchema, root: JsonSchema): [string, JsonSchema][] {
  const found = new Map(Object.entries(schema.properties ?? {}));
  for (const branch of schema.anyOf ?? schema.oneOf ?? []) for (const [key, child] of Object.entries(resolveRef(branch, root).properties ?? {})) if (!found.has(key)) found.set(key, child);
  return [...found];
}

/** At the top of proxy.yml, the apps routes.yml exposes that have no HAProxy entry yet, and the reverse. */
function missingApps(workspace: Workspace, file: FileModel, context: CompletionContext): CompletionEntry[] {
  const view = file.env === undefined ? undefined : workspace.environment(file.env);
  if (!view) return [];
  const present = new Set([...context.siblings, ...(file.kind === 'proxy' ? view.proxyEntries : view.routeEntries).map((at) => at.entry.app)]);
  const candidates = new Set<string>();
  if (file.kind === 'proxy') {
    const gateway = workspace.currentSettings().gatewayGroup;
    for (const { entry } of view.routeEntries) if (entry.stream?.group?.value === gateway) candidates.add(entry.app);
  } else {
    for (const { entry } of view.proxyEntries) candidates.add(entry.app);
  }
  for (const path of view.scope.paths()) {
    const app = /^app\.([^.]+)$/.exec(path)?.[1];
    if (app) candidates.add(app);
  }
  return [...candidates]
    .filter((app) => !present.has(app))
    .sort()
    .map((app) => ({ label: app, kind: 'app' as const, insertText: `${app}:`, detail: file.kind === 'proxy' ? 'app without an HAProxy entry' : 'app without an Nginx route' }));
}

function valueEntries(workspace: Workspace, file: FileModel, context: CompletionContext): CompletionEntry[] {
  const view = file.env === undefined ? undefined : workspace.environment(file.env);
  const template = /\{\{\s*([A-Za-z0-9_.]*)$/.exec(context.value);
  if (template && view) return variableEntries(view.scope.paths(), view, template[1] ?? '');
  const upstream = /https?:\/\/([A-Za-z0-9_-]*)$/.exec(context.value);
  if (upstream && view && context.key === 'values') {
    return view.routeEntries.flatMap(({ entry }) => (entry.stream?.name ? [{ label: entry.stream.name.value, kind: 'stream' as const, detail: `stream of ${entry.app}, port ${entry.stream.port?.text ?? '?'}` }] : []));
  }
  const parent = context.path.at(-1);
  const isGroup = (context.key === 'group' && parent === 'stream') || (context.key === 'name' && parent === 'group') || (context.key === 'group' && parent === 'target');
  if (isGroup && view) return [...view.groups.keys()].sort().map((group) => ({ label: group, kind: 'group' as const, detail: 'inventory group' }));

  const entries: CompletionEntry[] = [];
  if (isPortKey(file, context)) entries.push(...portEntries(workspace, file, context));
  const name = SCHEMA_OF[file.kind];
  if (name && context.key !== undefined) {
    const root = SCHEMAS[name];
    const schema = schemaAt(root, [...context.path, context.key]);
    if (schema) {
      const documentation = describe(schema, root);
      for (const value of enumValues(resolveRef(schema, root), root)) entries.push({ label: String(value), kind: 'value', ...(documentation ? { documentation } : {}) });
    }
  }
  return entries;
}

function variableEntries(paths: IterableIterator<string>, view: NonNullable<ReturnType<Workspace['environment']>>, typed: string): CompletionEntry[] {
  const dot = typed.lastIndexOf('.');
  const parent = dot < 0 ? '' : typed.slice(0, dot);
  const seen = new Map<string, string>();
  for (const path of paths) {
    if (parent && !path.startsWith(`${parent}.`)) continue;
    const rest = parent ? path.slice(parent.length + 1) : path;
    const segment = rest.split('.')[0] ?? '';
    if (!segment || seen.has(segment)) continue;
    const full = parent ? `${parent}.${segment}` : segment;
    const fact = view.scope.lookup(full)[0]?.fact;
    seen.set(segment, fact?.kind === 'scalar' ? `${full} = ${String(fact.scalar)}` : `${full} (${fact?.kind ?? 'map'})`);
  }
  return [...seen].sort().map(([segment, detail]) => ({ label: segment, kind: 'variable' as const, detail }));
}

function isPortKey(file: FileModel, context: CompletionContext): boolean {
  if (file.kind === 'kubernetes') return context.key === 'nodePort';
  if (file.kind === 'vars') return context.key === 'port' && context.path.length === 2 && context.path[0] === 'app';
  return context.key === 'port';
}

/** The next free node port, and in group vars the app's port variable when it exists. */
function portEntries(workspace: Workspace, file: FileModel, context: CompletionContext): CompletionEntry[] {
  const entries: CompletionEntry[] = [];
  const app = file.kind === 'proxy' || file.kind === 'routes' ? context.path.find((segment): segment is string => typeof segment === 'string' && segment !== 'proxies' && segment !== 'routes') : undefined;
  const view = file.env === undefined ? undefined : workspace.environment(file.env);
  if (app && view?.scope.lookup(`app.${app}.port`).length) {
    entries.push({ label: appPortReference(app), kind: 'variable', detail: `the port of ${app}`, sortText: '00' });
  }
  const free = freeNodePort(workspace);
  if (free !== undefined) entries.push({ label: String(free), kind: 'port', detail: 'next free node port', documentation: `No Service or chain of the workspace uses ${free} (range ${workspace.currentSettings().nodePortRange.min}-${workspace.currentSettings().nodePortRange.max}).`, sortText: '01' });
  return entries;
}

function enumValues(schema: JsonSchema, root: JsonSchema): unknown[] {
  const values = [...(schema.enum ?? []), ...(schema.const !== undefined ? [schema.const] : [])];
  for (const branch of schema.anyOf ?? schema.oneOf ?? []) values.push(...enumValues(resolveRef(branch, root), root));
  return [...new Set(values)];
}
