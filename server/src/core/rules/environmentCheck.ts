import type { TemplateExpression } from '../jinja/template';
import type { PortRef } from '../model/facts';
import type { Settings } from '../settings';
import type { FileModel } from '../workspace/fileModel';
import { assemble, linkChains, type Chain } from './chain';
import { checkChain, checkDuplicates, checkGroups, checkStreams, checkVariables } from './environment';
import type { RawDiagnostic, Sink } from './sink';
import type { EnvironmentView, ProxyEntryAt, RouteEntryAt, ServiceIndex } from './view';

/** One chain and its diagnostics, with what they were built from. */
interface Unit {
  readonly route: RouteEntryAt | undefined;
  readonly proxy: ProxyEntryAt | undefined;
  readonly link: 'key' | 'port' | undefined;
  readonly routeLine: number;
  readonly proxyLine: number;
  readonly chain: Chain;
  readonly diagnostics: readonly RawDiagnostic[];
}

/**
 * Checks one environment again and again as its files change, rebuilding only the chains whose entries
 * changed. A chain is a function of its route and HAProxy entries, how they are linked, and the rest of the
 * environment (variables, Services, settings), which is compared as a whole: when any of it changes, every
 * chain is rebuilt. Entries are compared by identity: a file model keeps the fact objects of the entries
 * whose text and offset did not change (see blockFacts.ts), and the workspace keeps each path's model
 * object across versions, so a kept chain points to the current file. The result is the same as a check
 * from scratch.
 */
export class EnvironmentCheck {
  private context: readonly unknown[] = [];
  private units = new Map<object, Unit>();
  private ports = new WeakMap<PortRef, number | string | undefined>();
  private variables = new WeakMap<TemplateExpression, string | null>();

  /** Runs every rule of the environment, emitting its diagnostics in a fixed order; returns the chains. */
  run(view: EnvironmentView, services: ServiceIndex, settings: Settings, emit: Sink): Chain[] {
    const context = [view.id, view.name, view.scope, services, settings, view.proxyFiles[0]?.relativePath, view.routesFiles[0]?.relativePath];
    if (context.length !== this.context.length || context.some((item, index) => item !== this.context[index])) {
      this.context = context;
      this.units = new Map();
      this.ports = new WeakMap();
      this.variables = new WeakMap();
    }
    const portValue = (ref: PortRef, file: FileModel): number | string | undefined => {
      if (this.ports.has(ref)) return this.ports.get(ref);
      const value = view.scope.resolvePort(ref, file).value;
      this.ports.set(ref, value);
      return value;
    };
    const chains: Chain[] = [];
    const previous = this.units;
    const next = new Map<object, Unit>();
    linkChains(view, settings, portValue, (app, route, proxy, link) => {
      const key: object | undefined = route?.entry ?? proxy?.entry;
      if (!key) return;
      const unit = reuse(previous.get(key), route, proxy, link) ?? build(view, services, settings, app, route, proxy, link);
      next.set(key, unit);
      chains.push(unit.chain);
      for (const diagnostic of unit.diagnostics) emit(diagnostic);
    });
    this.units = next;
    checkDuplicates(view, portValue, emit);
    checkGroups(view, emit);
    checkStreams(view, emit);
    checkVariables(view, this.variables, emit);
    return chains;
  }
}

/** Checks a whole environment from scratch. */
export function checkEnvironment(view: EnvironmentView, services: ServiceIndex, settings: Settings, emit: Sink): Chain[] {
  return new EnvironmentCheck().run(view, services, settings, emit);
}

function build(
  view: EnvironmentView,
  services: ServiceIndex,
  settings: Settings,
  app: string,
  route: RouteEntryAt | undefined,
  proxy: ProxyEntryAt | undefined,
  link: 'key' | 'port' | undefined,
): Unit {
  const chain = assemble(view, services, app, route, proxy, link);
  const diagnostics: RawDiagnostic[] = [];
  checkChain(view, chain, settings, (diagnostic) => diagnostics.push(diagnostic));
  return { route, proxy, link, routeLine: lineOf(route), proxyLine: lineOf(proxy), chain, diagnostics };
}

/**
 * The unit again when it was built from the same entries, linked the same way, and the entries are still on
 * the same lines (messages quote them, as `routes.yml:120`). An entry object is kept only while its text and
 * offset are unchanged, but an edit before it may still have traded characters for line breaks.
 */
function reuse(unit: Unit | undefined, route: RouteEntryAt | undefined, proxy: ProxyEntryAt | undefined, link: 'key' | 'port' | undefined): Unit | undefined {
  if (!unit || unit.link !== link || unit.route?.entry !== route?.entry || unit.proxy?.entry !== proxy?.entry) return undefined;
  if (unit.routeLine !== lineOf(route) || unit.proxyLine !== lineOf(proxy)) return undefined;
  return unit;
}

function lineOf(at: RouteEntryAt | ProxyEntryAt | undefined): number {
  return at ? at.file.lines.lineAt(at.entry.keySpan.start) : -1;
}
