import { appendEntry } from '../edit/append';
import { appPortReference, haproxyEntry, nginxRoute } from '../edit/entries';
import { freeNodePort } from '../edit/freePort';
import type { Diagnostic, Range } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import type { CodeActionEntry, TextEdit } from './types';

/** Quick-fixes for the diagnostics that touch `range`; each edits only the bytes it must. */
export function codeActions(workspace: Workspace, path: string, range: Range, diagnostics: readonly Diagnostic[]): CodeActionEntry[] {
  const file = workspace.file(path);
  if (!file) return [];
  const actions: CodeActionEntry[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.file !== path || !touches(diagnostic.range, range)) continue;
    switch (diagnostic.code) {
      case 'port-mismatch':
        actions.push(...portMismatchFixes(workspace, file, diagnostic));
        break;
      case 'missing-link':
        actions.push(...missingLinkFixes(workspace, diagnostic));
        break;
      case 'nodeport-range':
      case 'duplicate-nodeport': {
        const fix = moveNodePort(workspace, file, diagnostic);
        if (fix) actions.push(fix);
        break;
      }
      default:
        break;
    }
  }
  return actions;
}

function touches(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']): boolean => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

/** Replaces only the digits of the number inside `range`, so quotes around it stay. */
function replaceNumber(file: FileModel, range: Range, value: number): TextEdit | undefined {
  const start = file.lines.offsetAt(range.start);
  const text = file.text.slice(start, file.lines.offsetAt(range.end));
  const digits = /\d+/.exec(text);
  if (!digits) return undefined;
  const from = start + digits.index;
  return { range: file.lines.rangeOf({ start: from, end: from + digits[0].length }), newText: String(value) };
}

/**
 * Moves a Service to the next free node port. When the Service ends a chain, every place where the
 * chain writes the same port moves with it, or the fix would only trade one problem for a mismatch.
 */
function moveNodePort(workspace: Workspace, file: FileModel, diagnostic: Diagnostic): CodeActionEntry | undefined {
  const port = freeNodePort(workspace);
  if (port === undefined) return undefined;
  const offset = file.lines.offsetAt(diagnostic.range.start);
  const chain = workspace.chains().find((candidate) => candidate.hops.some((hop) => hop.kind === 'service' && hop.file === file && hop.span.start <= offset && offset <= hop.span.end));
  const old = chain?.hops.find((hop) => hop.kind === 'service')?.value;
  const places = new Map<string, { file: FileModel; range: Range }>();
  places.set(`${file.path}:${offset}`, { file, range: diagnostic.range });
  for (const hop of chain?.hops ?? []) {
    if (hop.value !== old || !hop.source) continue;
    places.set(`${hop.source.file.path}:${hop.source.span.start}`, { file: hop.source.file, range: hop.source.file.lines.rangeOf(hop.source.span) });
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const place of places.values()) {
    const edit = replaceNumber(place.file, place.range, port);
    if (edit) (changes[place.file.path] ??= []).push(edit);
  }
  const others = places.size > 1 ? ` (and the ${places.size - 1} other place${places.size > 2 ? 's' : ''} of app ${chain?.app ?? ''})` : '';
  return { title: `Move to the next free nodePort, ${port}${others}`, diagnostic, edit: { changes }, isPreferred: true };
}

function portMismatchFixes(workspace: Workspace, file: FileModel, diagnostic: Diagnostic): CodeActionEntry[] {
  const expected = diagnostic.data?.expectedPort;
  const app = diagnostic.data?.app;
  if (expected === undefined) return [];
  const actions: CodeActionEntry[] = [];
  const edit = replaceNumber(file, diagnostic.range, expected);
  if (edit) actions.push({ title: `Set port to ${expected}`, diagnostic, edit: { changes: { [file.path]: [edit] } }, isPreferred: true });
  const env = diagnostic.data?.env;
  const variable = app !== undefined && env !== undefined ? workspace.environment(env)?.scope.lookup(`app.${app}.port`)[0] : undefined;
  if ((file.kind === 'proxy' || file.kind === 'routes') && variable?.fact.scalar === expected) {
    const reference = appPortReference(app ?? '');
    actions.push({ title: `Replace with ${reference}`, diagnostic, edit: { changes: { [file.path]: [{ range: diagnostic.range, newText: reference }] } } });
  }
  return actions;
}

function missingLinkFixes(workspace: Workspace, diagnostic: Diagnostic): CodeActionEntry[] {
  const { app, env, missing } = diagnostic.data ?? {};
  const view = env === undefined ? undefined : workspace.environment(env);
  const chain = view ? workspace.chains(env).find((candidate) => candidate.app === app) : undefined;
  if (!view || !chain || app === undefined) return [];
  const settings = workspace.currentSettings();
  const variable = view.scope.lookup(`app.${app}.port`)[0];
  const known = chain.expected ?? chain.hops.find((hop) => hop.value !== undefined)?.value;
  const port = variable ? appPortReference(app) : known !== undefined ? String(known) : undefined;
  if (port === undefined) return [];
  if (missing === 'haproxy') {
    const target = view.proxyFiles[0];
    if (!target) return [];
    const edit = appendEntry(target, (style, base) => haproxyEntry({ app, port, group: settings.gatewayGroup }, style, base));
    return [{ title: `Add the HAProxy entry ${app} to ${target.relativePath}`, diagnostic, edit: { changes: { [target.path]: [edit] } }, isPreferred: true }];
  }
  if (missing === 'nginx') {
    const target = view.routesFiles[0];
    if (!target) return [];
    // The new route must not collide with a stream or a location another route already has.
    const streams = new Set(view.routeEntries.flatMap(({ entry }) => (entry.stream?.name ? [entry.stream.name.value] : [])));
    const locations = new Set(view.routeEntries.flatMap(({ entry }) => entry.locations.map((location) => location.value)));
    const stream = firstFree((n) => `stream_${app}${n ? `_${n + 1}` : ''}`, streams);
    const location = firstFree((n) => `/${app}${n ? `-${n + 1}` : ''}/`, locations);
    const edit = appendEntry(target, (style, base) => nginxRoute({ app, location, stream, port, group: settings.gatewayGroup }, style, base));
    return [{ title: `Add the Nginx route ${location} and stream ${stream} to ${target.relativePath}`, diagnostic, edit: { changes: { [target.path]: [edit] } }, isPreferred: true }];
  }
  return [];
}

function firstFree(candidate: (n: number) => string, taken: ReadonlySet<string>): string {
  for (let n = 0; ; n++) if (!taken.has(candidate(n))) return candidate(n);
}
