import { appPortReference, haproxyEntry, nginxRoute } from '../edit/entries';
import { chartValueEdit } from '../edit/chartScaffold';
import type { Chain } from '../rules/chain';
import type { Diagnostic, Range } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { addEntry, literalPortAt, replaceNumber } from './fixEdits';
import { nextFreeNodePort, variablePort } from '../workspace/ports';
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
      case 'unknown-variable': {
        const replacement = diagnostic.data?.replacement;
        if (replacement !== undefined) actions.push({ title: `Write ${replacement}`, diagnostic, edit: { changes: { [file.path]: [{ range: diagnostic.range, newText: replacement }] } }, isPreferred: true });
        break;
      }
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

/**
 * `Set port to <expected>` writes the chain's number over the odd one. Where proxy.yml or routes.yml writes a plain
 * number and `app.<name>.port` already holds the expected value, the number can become a reference to it instead.
 */
function portMismatchFixes(workspace: Workspace, file: FileModel, diagnostic: Diagnostic): CodeActionEntry[] {
  const { expectedPort: expected, app, env } = diagnostic.data ?? {};
  if (expected === undefined) return [];
  const actions: CodeActionEntry[] = [];
  const values = templateValueFix(workspace, file, diagnostic, expected);
  if (values) return [values];
  const edit = replaceNumber(file, diagnostic.range, expected);
  if (edit) actions.push({ title: `Set port to ${expected}`, diagnostic, edit: { changes: { [file.path]: [edit] } }, isPreferred: true });
  const view = env === undefined ? undefined : workspace.environment(env);
  if (app === undefined || !view || (file.kind !== 'proxy' && file.kind !== 'routes')) return actions;
  const span = { start: file.lines.offsetAt(diagnostic.range.start), end: file.lines.offsetAt(diagnostic.range.end) };
  const literal = literalPortAt(file, span);
  if (literal && variablePort(view, `app.${app}.port`) === expected) {
    const reference = appPortReference(app);
    actions.push({ title: `Replace with ${reference.slice(1, -1)}`, diagnostic, edit: { changes: { [file.path]: [{ range: file.lines.rangeOf(literal.span), newText: reference }] } } });
  }
  return actions;
}

/**
 * A chart's node port reported on its template (the `default` was taken: the values set none) is fixed in the
 * values file the environment reads, never in the template.
 */
function templateValueFix(workspace: Workspace, file: FileModel, diagnostic: Diagnostic, expected: number): CodeActionEntry | undefined {
  if (file.chart?.role !== 'template') return undefined;
  const offset = file.lines.offsetAt(diagnostic.range.start);
  const ports = (file.chart.services ?? []).flatMap((service) => service.ports);
  const path = ports.find((port) => port.nodePort && port.nodePort.span.start <= offset && offset <= port.nodePort.span.end)?.nodePort?.valuesPath;
  const written = path === undefined ? undefined : chartValueEdit(workspace, file.chart.root, diagnostic.data?.env, path, String(expected));
  return written && path !== undefined ? { title: `Set ${path} to ${expected} in ${written.relative}`, diagnostic, edit: written.edit, isPreferred: true } : undefined;
}

/** Adds the HAProxy entry, or the Nginx route and its stream, that a chain lacks, in the seed's layout. */
function missingLinkFixes(workspace: Workspace, diagnostic: Diagnostic): CodeActionEntry[] {
  const { app, env, missing } = diagnostic.data ?? {};
  const view = env === undefined ? undefined : workspace.environment(env);
  const chain = view ? workspace.chains(env).find((candidate) => candidate.app === app) : undefined;
  if (!view || !chain || app === undefined) return [];
  const settings = workspace.currentSettings();
  const known = chain.expected ?? chain.hops.find((hop) => hop.value !== undefined)?.value;
  const port = view.scope.lookup(`app.${app}.port`).length > 0 ? appPortReference(app) : known !== undefined ? String(known) : undefined;
  if (port === undefined) return [];
  if (missing === 'haproxy') {
    const added = addEntry(workspace, view, view.proxyFiles[0], 'proxy', 'kube_gateway_pool/proxy.yml', (style, base) => haproxyEntry({ app, port, group: settings.gatewayGroup }, style, base));
    return added ? [{ title: `Add the HAProxy entry ${app} to ${added.relativePath}`, diagnostic, edit: added.edit, isPreferred: true }] : [];
  }
  if (missing === 'nginx') {
    // The new route must not collide with a stream or a location another route already has.
    const streams = new Set(view.routeEntries.flatMap(({ entry }) => (entry.stream?.name ? [entry.stream.name.value] : [])));
    const locations = new Set(view.routeEntries.flatMap(({ entry }) => entry.locations.map((location) => location.value)));
    const stream = firstFree((n) => `stream_${app}${n ? `_${n + 1}` : ''}`, streams);
    const location = firstFree((n) => `/${app}${n ? `-${n + 1}` : ''}/`, locations);
    const added = addEntry(workspace, view, view.routesFiles[0], 'routes', 'webservers_pool/routes.yml', (style, base) => nginxRoute({ app, location, stream, port, group: settings.gatewayGroup }, style, base));
    return added ? [{ title: `Add the Nginx route ${location} and stream ${stream} to ${added.relativePath}`, diagnostic, edit: added.edit, isPreferred: true }] : [];
  }
  return [];
}

function firstFree(candidate: (n: number) => string, taken: ReadonlySet<string>): string {
  for (let n = 0; ; n++) if (!taken.has(candidate(n))) return candidate(n);
}

/**
 * Moves a Service to the next free node port. When the Service ends chains (in any environment), every place
 * where those chains write the same port moves with it, or the fix would only trade one problem for a mismatch.
 */
function moveNodePort(workspace: Workspace, file: FileModel, diagnostic: Diagnostic): CodeActionEntry | undefined {
  const port = nextFreeNodePort(workspace);
  if (port === undefined) return undefined;
  const offset = file.lines.offsetAt(diagnostic.range.start);
  const endsHere = (chain: Chain): boolean => chain.hops.some((hop) => hop.kind === 'service' && hop.file === file && hop.span.start <= offset && offset <= hop.span.end);
  const chains = workspace.chains().filter(endsHere);
  const places = new Map<string, { file: FileModel; range: Range }>();
  places.set(`${file.path}:${offset}`, { file, range: diagnostic.range });
  const apps = new Set<string>();
  for (const chain of chains) {
    const old = chain.hops.find((hop) => hop.kind === 'service')?.value;
    for (const hop of chain.hops) {
      if (hop.kind === 'service' || hop.value !== old || !hop.source) continue;
      const key = `${hop.source.file.path}:${hop.source.span.start}`;
      if (places.has(key)) continue;
      places.set(key, { file: hop.source.file, range: hop.source.file.lines.rangeOf(hop.source.span) });
      apps.add(chain.app);
    }
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const place of places.values()) {
    const edit = replaceNumber(place.file, place.range, port);
    if (edit) (changes[place.file.path] ??= []).push(edit);
  }
  if (!changes[file.path]) return undefined;
  const others = places.size - 1;
  const also = others > 0 ? ` (and the ${others} other place${others > 1 ? 's' : ''} of app ${[...apps].join(', ')})` : '';
  return { title: `Move to the next free nodePort, ${port}${also}`, diagnostic, edit: { changes }, isPreferred: true };
}
