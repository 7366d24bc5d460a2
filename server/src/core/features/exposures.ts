import type { Chain, Hop } from '../rules/chain';
import { serviceName } from '../rules/chain';
import type { DiagnosticCode, Diagnostic, Severity, Span } from '../types';
import { environmentName } from '../workspace/classify';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { chainLine } from './chainText';
import type { Location } from './types';

export interface ExposureProblem {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
}

export interface ExposureEnvironment {
  /** The environment's folder, as the workspace knows it; `name` is what users see. */
  readonly id: string;
  readonly name: string;
  readonly apps: number;
  readonly errors: number;
  readonly warnings: number;
}

export interface ExposureApp {
  readonly env: string;
  readonly name: string;
  /** The port the chain agrees on. */
  readonly port?: number;
  /** The whole chain on one line, as the hover shows it. */
  readonly summary: string;
  readonly problems: readonly ExposureProblem[];
}

export type ExposureHopKind = 'location' | 'stream' | 'haproxy' | 'destination' | 'variable' | 'service' | 'service-port';

export interface ExposureHop {
  readonly kind: ExposureHopKind;
  readonly label: string;
  readonly description?: string;
  /** Where a click takes the user. */
  readonly location: Location;
  readonly problems: readonly ExposureProblem[];
}

/** A hop before its problems are known: `scope` is the part of its file whose problems belong to it. */
interface HopPlace {
  readonly kind: ExposureHopKind;
  readonly label: string;
  readonly description?: string;
  readonly file: FileModel;
  readonly at: Span;
  readonly scope: Span;
}

/** The environments that have at least one exposed app, with their problem counts. */
export function exposureEnvironments(workspace: Workspace): ExposureEnvironment[] {
  return workspace.environmentNames().flatMap((id) => {
    const apps = exposureApps(workspace, id);
    if (apps.length === 0) return [];
    const count = (severity: Severity): number => apps.reduce((sum, app) => sum + app.problems.filter((problem) => problem.severity === severity).length, 0);
    return [{ id, name: environmentName(id), apps: apps.length, errors: count('error'), warnings: count('warning') }];
  });
}

/** The apps of one environment, by name, each with the problems of all its hops. */
export function exposureApps(workspace: Workspace, env: string): ExposureApp[] {
  return chainsOf(workspace, env).map((chain) => {
    const problems = withProblems(workspace, placesOf(chain)).flatMap((hop) => hop.problems);
    return {
      env: chain.env,
      name: chain.app,
      ...(chain.expected === undefined ? {} : { port: chain.expected }),
      summary: chainLine(chain),
      problems: unique(problems),
    };
  });
}

/** One app's hops, from the internet inwards: Nginx locations, stream, HAProxy, the variable, the Service and its ports. */
export function exposureHops(workspace: Workspace, env: string, app: string): ExposureHop[] {
  const chain = chainsOf(workspace, env).find((candidate) => candidate.app === app);
  return chain ? withProblems(workspace, placesOf(chain)) : [];
}

function chainsOf(workspace: Workspace, env: string): Chain[] {
  const id = workspace.environmentNames().find((candidate) => candidate === env || environmentName(candidate) === env);
  if (id === undefined) return [];
  const byApp = new Map<string, Chain>();
  for (const chain of workspace.chains(id)) if (!byApp.has(chain.app)) byApp.set(chain.app, chain);
  return [...byApp.values()].sort((a, b) => a.app.localeCompare(b.app));
}

function placesOf(chain: Chain): HopPlace[] {
  const places: HopPlace[] = [];
  const hop = (kind: Hop['kind']): Hop | undefined => chain.hops.find((candidate) => candidate.kind === kind);
  const port = (found: Hop | undefined): string | undefined => (found?.value === undefined ? undefined : `:${found.value}`);
  const route = chain.route;
  if (route) {
    for (const location of route.entry.locations) places.push({ kind: 'location', label: `location ${location.value}`, file: route.file, at: location.span, scope: location.span });
    const stream = route.entry.stream;
    const streamHop = hop('stream');
    places.push({
      kind: 'stream',
      label: `stream ${stream?.name?.value ?? route.entry.app}`,
      ...describe([port(streamHop), stream?.group?.value && `-> ${stream.group.value}`]),
      file: route.file,
      at: streamHop?.span ?? stream?.name?.span ?? route.entry.keySpan,
      scope: route.entry.entrySpan,
    });
  }
  const proxy = chain.proxy;
  if (proxy) {
    places.push({
      kind: 'haproxy',
      label: `HAProxy ${proxy.entry.app}`,
      ...describe([port(hop('haproxy-port')), proxy.entry.mode?.value]),
      file: proxy.file,
      at: proxy.entry.port?.span ?? proxy.entry.keySpan,
      scope: proxy.entry.entrySpan,
    });
    const destination = hop('haproxy-destination');
    const group = proxy.entry.destinationGroup;
    if (destination || group) {
      const spans = [destination?.span, group?.span].filter((span): span is Span => span !== undefined);
      places.push({
        kind: 'destination',
        label: `-> ${group?.value ?? 'destination'}`,
        ...describe([port(destination)]),
        file: proxy.file,
        at: destination?.span ?? group?.span ?? proxy.entry.keySpan,
        scope: { start: Math.min(...spans.map((span) => span.start)), end: Math.max(...spans.map((span) => span.end)) },
      });
    }
  }
  const variable = hop('variable');
  if (variable && chain.variable) {
    const fact = chain.variable.fact;
    places.push({ kind: 'variable', label: variable.label, ...describe([variable.value === undefined ? 'unresolved' : `= ${variable.value}`]), file: variable.file, at: variable.span, scope: { start: fact.keySpan.start, end: (fact.valueSpan ?? fact.keySpan).end } });
  }
  const service = chain.service;
  if (service) {
    const whole = service.service.extent;
    places.push({
      kind: 'service',
      label: `Service ${serviceName(service)}`,
      ...describe([service.service.type?.value, service.by === 'name' ? 'linked by name' : undefined]),
      file: service.file,
      at: service.service.name?.span ?? service.service.anchor,
      scope: whole,
    });
    for (const servicePort of service.service.ports) {
      places.push({
        kind: 'service-port',
        label: `port ${servicePort.name ?? servicePort.port ?? '?'}`,
        ...describe([
          servicePort.nodePort && `nodePort ${servicePort.nodePort.value}`,
          servicePort.port !== undefined ? `port ${servicePort.port}` : undefined,
          servicePort.targetPort !== undefined ? `-> targetPort ${servicePort.targetPort}` : undefined,
        ]),
        file: service.file,
        at: servicePort.nodePort?.span ?? servicePort.span,
        scope: servicePort.span,
      });
    }
  }
  return places;
}

function describe(parts: readonly (string | undefined | false)[]): { description?: string } {
  const text = parts.filter((part): part is string => typeof part === 'string' && part !== '').join(' ');
  return text ? { description: text } : {};
}

/**
 * Gives each diagnostic of the hops' files to the hop with the narrowest scope that holds its start,
 * so that a problem shows once, on the hop where it is written.
 */
function withProblems(workspace: Workspace, places: readonly HopPlace[]): ExposureHop[] {
  const problems = places.map((): ExposureProblem[] => []);
  const files = new Set(places.map((place) => place.file));
  for (const file of files) {
    for (const diagnostic of workspace.diagnostics(file.path)) {
      const offset = file.lines.offsetAt(diagnostic.range.start);
      let best = -1;
      places.forEach((place, index) => {
        if (place.file !== file || offset < place.scope.start || offset > place.scope.end) return;
        const chosen = places[best];
        if (!chosen || place.scope.end - place.scope.start < chosen.scope.end - chosen.scope.start) best = index;
      });
      problems[best]?.push(problemOf(diagnostic));
    }
  }
  return places.map((place, index) => ({
    kind: place.kind,
    label: place.label,
    ...(place.description === undefined ? {} : { description: place.description }),
    location: { file: place.file.path, range: place.file.lines.rangeOf(place.at) },
    problems: problems[index] ?? [],
  }));
}

function problemOf(diagnostic: Diagnostic): ExposureProblem {
  return { severity: diagnostic.severity, code: diagnostic.code, message: diagnostic.message };
}

function unique(problems: readonly ExposureProblem[]): ExposureProblem[] {
  const byKey = new Map<string, ExposureProblem>();
  for (const problem of problems) byKey.set(`${problem.code}\u0000${problem.message}`, problem);
  return [...byKey.values()];
}
