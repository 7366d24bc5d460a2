import { appPortReference } from '../edit/entries';
import type { EnvironmentView } from '../rules/view';
import { resolveRef, type JsonSchema } from '../schema/jsonSchema';
import { SCHEMAS, type SchemaName } from '../schema/schemas';
import type { Position, Range } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { completionContext, type CompletionContext, type LineReader } from './completionContext';
import { needsQuotes, valueDescription } from './completionValues';
import { nextFreeNodePort } from '../workspace/ports';
import { describe, schemaAt } from './schemaAt';
import type { CompletionEntry } from './types';

const SCHEMA_OF: Partial<Record<FileModel['kind'], SchemaName>> = { proxy: 'proxy', routes: 'routes', kubernetes: 'service' };
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What every completion source gets: the place, and where a replacement starts and ends. */
interface Request {
  readonly workspace: Workspace;
  readonly file: FileModel;
  readonly view: EnvironmentView | undefined;
  readonly context: CompletionContext;
  readonly position: Position;
}

/**
 * Completion at a position of a file, from the text as typed (which need not be valid YAML yet): Jinja variable
 * paths inside `{{ }}`, stream names after `http://`, schema keys and values, inventory groups, missing apps and
 * the next free node port. Every entry carries the range of the word it replaces.
 */
export function completion(workspace: Workspace, path: string, position: Position): CompletionEntry[] {
  const file = workspace.file(path);
  if (!file) return [];
  const context = completionContext(lineReader(file), position.line, position.character, { text: file.text, lineStart: (line) => file.lines.lineStart(line) });
  const env = workspace.environmentOf(file);
  const view = env === undefined ? undefined : workspace.environment(env);
  const request: Request = { workspace, file, view, context, position };
  const entries = jinjaEntries(request) ?? streamEntries(request) ?? (context.kind === 'key' ? keyEntries(request) : valueEntries(request));
  const range = rangeFrom(position, context.wordStart);
  return entries.map((entry, index) => ({ ...entry, range: entry.range ?? range, sortText: entry.sortText ?? String(index).padStart(4, '0') }));
}

function lineReader(file: FileModel): LineReader {
  return (line) => {
    if (line < 0 || line >= file.lines.lineCount) return undefined;
    return file.text.slice(file.lines.lineStart(line), file.lines.offsetAt({ line, character: Number.MAX_SAFE_INTEGER }));
  };
}

function rangeFrom(position: Position, character: number): Range {
  return { start: { line: position.line, character: Math.min(character, position.character) }, end: position };
}

// Jinja ---------------------------------------------------------------------------------------------------------

const PARENT_PATH = /([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[\s*(["'])[^"'\]]*\2\s*\])*)$/;

/** Inside an unclosed `{{`: the next segment of the environment's variable paths. Undefined elsewhere. */
function jinjaEntries({ view, context, position }: Request): CompletionEntry[] | undefined {
  const before = context.before;
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.lastIndexOf('}}') > open) return undefined;
  if (!view) return [];
  const inner = before.slice(open + 2);
  const partial = /[A-Za-z0-9_]*$/.exec(inner)?.[0] ?? '';
  const head = inner.slice(0, inner.length - partial.length);
  let parent: string;
  if (head.endsWith('.')) {
    const match = PARENT_PATH.exec(head.slice(0, -1));
    if (!match?.[1]) return [];
    parent = match[1].replace(/\[\s*(["'])([^"'\]]*)\1\s*\]/g, '.$2');
  } else {
    // After a filter's pipe, a bracket or an attribute access of something else, no variable fits.
    const previous = head.trimEnd().at(-1);
    if (previous === '|' || previous === '[' || previous === '"' || previous === "'" || /[A-Za-z0-9_)\]]$/.test(head)) return [];
    parent = '';
  }
  const partialStart = position.character - partial.length;
  const seen = new Map<string, CompletionEntry>();
  for (const path of view.scope.paths()) {
    if (parent && !path.startsWith(`${parent}.`)) continue;
    const segment = (parent ? path.slice(parent.length + 1) : path).split('.')[0] ?? '';
    if (!segment || seen.has(segment)) continue;
    const full = parent ? `${parent}.${segment}` : segment;
    const definition = view.scope.lookup(full)[0];
    const fact = definition?.fact;
    const detail = fact?.kind === 'scalar' ? `${full} = ${String(fact.scalar)}` : `${full} (${fact?.kind ?? 'map'})`;
    const documentation = definition ? `Defined in \`${definition.file.relativePath}:${definition.file.lines.positionAt(fact?.keySpan.start ?? 0).line + 1}\`` : undefined;
    const base = { label: segment, kind: 'variable' as const, detail, ...(documentation ? { documentation } : {}), range: rangeFrom(position, partialStart) };
    if (IDENTIFIER.test(segment)) {
      seen.set(segment, base);
    } else if (parent) {
      // `app.my-app.port` reads as a subtraction in Jinja: the segment is written `app['my-app']` instead.
      seen.set(segment, { ...base, insertText: `['${segment}']`, filterText: `.${segment}`, range: rangeFrom(position, partialStart - 1) });
    }
  }
  return [...seen.values()].sort((a, b) => a.label.localeCompare(b.label));
}

// Streams -------------------------------------------------------------------------------------------------------

/** After `http://` in a `proxy_pass`: the environment's stream (upstream) names. Undefined elsewhere. */
function streamEntries({ file, view, context, position }: Request): CompletionEntry[] | undefined {
  const upstream = /(?:^|[\s"'])https?:\/\/([A-Za-z0-9_.-]*)$/.exec(context.before);
  if (!upstream || (context.key !== 'proxy_pass' && !context.path.includes('proxy_pass'))) return undefined;
  if (!view || (file.kind !== 'routes' && file.kind !== 'vars')) return [];
  const range = rangeFrom(position, position.character - (upstream[1] ?? '').length);
  const seen = new Map<string, CompletionEntry>();
  for (const { file: routes, entry } of view.routeEntries) {
    const name = entry.stream?.name;
    if (!name || seen.has(name.value)) continue;
    const port = entry.stream?.port?.text ?? '?';
    const group = entry.stream?.group?.value ?? '?';
    const line = routes.lines.positionAt(name.span.start).line + 1;
    seen.set(name.value, { label: name.value, kind: 'stream', detail: `stream of ${entry.app}: ${group}:${port}`, documentation: `Defined in \`${routes.relativePath}:${line}\``, range });
  }
  return [...seen.values()].sort((a, b) => a.label.localeCompare(b.label));
}

// Keys ----------------------------------------------------------------------------------------------------------

function keyEntries(request: Request): CompletionEntry[] {
  const { file, context } = request;
  const path = context.path;
  const atApps = (file.kind === 'proxy' || file.kind === 'routes') && (path.length === 0 || (file.kind === 'proxy' && path.length === 2 && path[0] === 'proxies' && path[1] === 'routes'));
  if (atApps) return missingApps(request);
  const name = SCHEMA_OF[file.kind];
  if (!name) return [];
  const root = SCHEMAS[name];
  const schema = schemaAt(root, path);
  if (!schema) return [];
  const resolved = resolveRef(schema, root);
  const properties = propertiesOf(resolved, root);
  // A list item of scalars (`options:` then `- `): its values.
  if (properties.length === 0 && context.item && path.at(-1) === 0) return valueChoices(request, name, path.at(-2), schema, rangeFrom(request.position, context.valueStart));
  const required = new Set([...(resolved.required ?? []), ...(resolved.anyOf ?? resolved.oneOf ?? []).flatMap((branch) => resolveRef(branch, root).required ?? [])]);
  return properties
    .filter(([key]) => !context.siblings.has(key))
    .sort(([a], [b]) => Number(required.has(b)) - Number(required.has(a)))
    .map(([key, child]) => {
      const documentation = describe(child, root);
      const type = typeOf(resolveRef(child, root));
      return {
        label: key,
        kind: 'property' as const,
        insertText: `${key}: `,
        ...(type || required.has(key) ? { detail: [required.has(key) ? 'required' : '', type].filter(Boolean).join(' ') } : {}),
        ...(documentation ? { documentation } : {}),
      };
    });
}

function propertiesOf(schema: JsonSchema, root: JsonSchema): [string, JsonSchema][] {
  const found = new Map(Object.entries(schema.properties ?? {}));
  for (const branch of schema.anyOf ?? schema.oneOf ?? []) for (const [key, child] of Object.entries(resolveRef(branch, root).properties ?? {})) if (!found.has(key)) found.set(key, child);
  return [...found];
}

function typeOf(schema: JsonSchema): string | undefined {
  if (schema.type === undefined) return undefined;
  return Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type);
}

/** At the top of proxy.yml, the apps routes.yml sends to the gateway that have no HAProxy entry yet, and the reverse. */
function missingApps({ workspace, file, view, context }: Request): CompletionEntry[] {
  if (!view) return [];
  const present = new Set([...context.siblings, ...(file.kind === 'proxy' ? view.proxyEntries : view.routeEntries).map((at) => at.entry.app)]);
  const candidates = new Map<string, string>();
  if (file.kind === 'proxy') {
    const gateway = workspace.currentSettings().gatewayGroup;
    for (const { entry } of view.routeEntries) if (entry.stream?.group?.value === gateway) candidates.set(entry.app, 'Nginx route without an HAProxy entry');
  } else {
    for (const { entry } of view.proxyEntries) if (entry.mode?.value !== 'tcp') candidates.set(entry.app, 'HAProxy entry without an Nginx route');
  }
  for (const path of view.scope.paths()) {
    const app = /^app\.([^.]+)\.port$/.exec(path)?.[1];
    if (app && !candidates.has(app)) candidates.set(app, `app.${app}.port is defined`);
  }
  return [...candidates]
    .filter(([app]) => !present.has(app))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([app, detail]) => ({ label: app, kind: 'app' as const, insertText: `${app}:`, detail }));
}

// Values --------------------------------------------------------------------------------------------------------

function valueEntries(request: Request): CompletionEntry[] {
  const { file, view, context, position } = request;
  const range = rangeFrom(position, context.valueStart);
  const parent = context.path.at(-1);
  const isGroup =
    (file.kind === 'routes' && context.key === 'group' && parent === 'stream') ||
    (file.kind === 'proxy' && context.key === 'name' && parent === 'group' && context.path.includes('destination')) ||
    (file.kind === 'proxy' && context.key === 'group' && parent === 'target');
  if (isGroup) {
    if (!view) return [];
    const gateway = request.workspace.currentSettings().gatewayGroup;
    const groups = new Set(['all', ...view.groups.keys()]);
    return [...groups].sort().map((group) => {
      const place = view.groups.get(group)?.[0];
      const where = place ? `Defined in \`${place.file.relativePath}:${place.file.lines.positionAt(place.span.start).line + 1}\`` : 'Every host of the inventory.';
      return value(request, { label: group, kind: 'group', detail: group === gateway ? 'inventory group: the Kubernetes gateway (kubeExpose.gatewayGroup)' : 'inventory group', documentation: where }, range);
    });
  }
  const entries: CompletionEntry[] = [];
  if (isPortKey(file, context)) entries.push(...portEntries(request, range));
  const name = SCHEMA_OF[file.kind];
  if (name && context.key !== undefined) {
    const root = SCHEMAS[name];
    const schema = schemaAt(root, [...context.path, context.key]);
    if (schema) entries.push(...valueChoices(request, name, context.key, schema, range));
  }
  return entries;
}

/**
 * An entry for a value, with the space a bare `key:` needs. `text` is what to write; a string that YAML would
 * read as something else is quoted, unless the user already opened a quote.
 */
function value(request: Request, entry: CompletionEntry, range: Range, text: string = entry.label, isString = true): CompletionEntry {
  const { context } = request;
  let insert = text;
  if (context.quote && /^(["']).*\1$/.test(insert)) insert = insert.slice(1, -1);
  else if (!context.quote && isString && needsQuotes(insert)) insert = JSON.stringify(insert);
  if (context.needsSpace) insert = ` ${insert}`;
  return { ...entry, range, ...(insert !== entry.label ? { insertText: insert, filterText: entry.filterText ?? entry.label } : {}) };
}

/** The enum values of a schema (with a line each where we have one), then its examples. */
function valueChoices(request: Request, name: SchemaName, key: string | number | undefined, schema: JsonSchema, range: Range): CompletionEntry[] {
  const root = SCHEMAS[name];
  const documentation = describe(schema, root);
  const entries: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const choice of enumValues(resolveRef(schema, root), root)) {
    const label = String(choice);
    if (seen.has(label)) continue;
    seen.add(label);
    const detail = valueDescription(name, key, label);
    entries.push(value(request, { label, kind: 'value', ...(detail ? { detail } : {}), ...(documentation ? { documentation } : {}) }, range, typeof choice === 'string' ? label : JSON.stringify(choice), typeof choice === 'string'));
  }
  const resolved = resolveRef(schema, root);
  if (entries.length === 0 && (resolved.type === 'boolean' || (Array.isArray(resolved.type) && resolved.type.includes('boolean')))) {
    for (const flag of ['true', 'false']) entries.push(value(request, { label: flag, kind: 'value', ...(documentation ? { documentation } : {}) }, range, flag, false));
  }
  for (const example of examplesOf(schema, root)) {
    const label = String(example);
    if (seen.has(label) || typeof example === 'object') continue;
    seen.add(label);
    entries.push(value(request, { label, kind: 'value', detail: 'example', ...(documentation ? { documentation } : {}) }, range, label, typeof example === 'string'));
  }
  return entries;
}

function enumValues(schema: JsonSchema, root: JsonSchema): unknown[] {
  const values = [...(schema.enum ?? []), ...(schema.const !== undefined ? [schema.const] : [])];
  for (const branch of schema.anyOf ?? schema.oneOf ?? []) values.push(...enumValues(resolveRef(branch, root), root));
  return values;
}

function examplesOf(schema: JsonSchema, root: JsonSchema): unknown[] {
  return [...(schema.examples ?? []), ...(resolveRef(schema, root).examples ?? [])];
}

// Ports ---------------------------------------------------------------------------------------------------------

function isPortKey(file: FileModel, context: CompletionContext): boolean {
  const path = context.path;
  switch (file.kind) {
    case 'kubernetes':
      return context.key === 'nodePort';
    case 'vars':
    case 'inventory':
      return context.key === 'port' && path.length >= 2 && path.at(-2) === 'app';
    case 'proxy':
      return context.key === 'port';
    case 'routes':
      return context.key === 'port' && path.at(-1) === 'stream';
    default:
      return false;
  }
}

/** The app a place of proxy.yml or routes.yml belongs to: the top key, or the one under `proxies.routes`. */
function appOf(file: FileModel, path: readonly (string | number)[]): string | undefined {
  const app = file.kind === 'proxy' && path[0] === 'proxies' ? (path[1] === 'routes' ? path[2] : undefined) : path[0];
  return typeof app === 'string' ? app : undefined;
}

/** First the next free node port; in proxy.yml and routes.yml also the app's port variable and its chain's port. */
function portEntries(request: Request, range: Range): CompletionEntry[] {
  const { workspace, file, view, context } = request;
  const entries: CompletionEntry[] = [];
  const settings = workspace.currentSettings();
  const free = nextFreeNodePort(workspace);
  if (free !== undefined) {
    entries.push(
      value(
        request,
        {
          label: String(free),
          kind: 'port',
          detail: 'next free node port',
          documentation: `No Service and no app of the workspace uses ${free}: the lowest free port of the node-port range ${settings.nodePortRange.min}-${settings.nodePortRange.max}.`,
        },
        range,
        String(free),
        false,
      ),
    );
  }
  const app = file.kind === 'proxy' || file.kind === 'routes' ? appOf(file, context.path) : undefined;
  if (app === undefined || !view) return entries;
  const variable = view.scope.lookup(`app.${app}.port`)[0];
  if (variable) {
    const reference = appPortReference(app);
    entries.push(value(request, { label: reference.slice(1, -1), kind: 'variable', detail: `the port variable of ${app} (${String(variable.fact.scalar ?? variable.fact.kind)})` }, range, reference, false));
  }
  const expected = request.workspace.chains(view.id).find((chain) => chain.app === app)?.expected;
  if (expected !== undefined && expected !== free) entries.push(value(request, { label: String(expected), kind: 'port', detail: `the port of ${app}'s chain` }, range, String(expected), false));
  return entries;
}
