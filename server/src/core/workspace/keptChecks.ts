import type { FileModel } from '../model/files';
import type { RawDiagnostic } from '../rules/sink';
import type { Settings } from '../settings';
import { reachableFrom, type EnvironmentView, type ServiceIndex } from '../rules/view';
import type { EnvironmentCheck } from '../rules/environmentCheck';
import { rawDiagnostics, storedDiagnostic, type CheckResults, type InputsDigest, type StoredCheck } from './checkResults';
import { storedUnits } from './keptUnits';
import { changedManifests, patchedUnits, relinkedUnits, type LastRun, type Patched } from './unitsPatch';

export type { LastRun };

/**
 * The digest of a check's inputs, by check; `own`, of an environment's own files alone; `rest`, of those but its
 * routes and HAProxy files; `composed`, whether a Service is composed from several files (any environment may then
 * reach any Service file).
 */
type Inputs = ((source: string) => string | undefined) & { readonly own: Digest; readonly rest: Digest; readonly composed: boolean };
type Digest = (env: string) => string | undefined;

interface Offered {
  readonly results: CheckResults;
  readonly digest: InputsDigest;
  readonly last: LastRun | undefined;
}

/** The check of the Services; the others are `env:<id>`. */
export const SERVICES = 'services';

/**
 * Check results offered to the next commit (a warm start), and the environments whose diagnostics it took from
 * them: their chains are linked only when something asks for them (`Workspace.chains`) or in idle time.
 */
export class KeptChecks {
  private offered: Offered | undefined;
  /** By environment, how many chains it had when its diagnostics were kept. */
  readonly pending = new Map<string, number>();
  /** By environment whose diagnostics were kept, its units as kept (see keptUnits.ts), for the next run. */
  readonly units = new Map<string, string>();
  private last: { readonly revision: number; readonly digest: InputsDigest; readonly inputs: Inputs } | undefined;

  offer(results: CheckResults, digest: InputsDigest, last?: LastRun): void {
    this.offered = { results, digest, last };
  }

  /**
   * The digests of the checks' inputs, worked out once per revision of the workspace: the commit that takes the
   * offer and the saving after it both ask (anything staged in between makes another revision).
   */
  inputs(revision: number, digest: InputsDigest, compute: () => Inputs): Inputs {
    if (this.last?.revision !== revision || this.last.digest !== digest) this.last = { revision, digest, inputs: compute() };
    return this.last.inputs;
  }

  /** Forgets what was kept of an environment; whether its chains were still to be linked. */
  forget(env: string): boolean {
    this.units.delete(env);
    return this.pending.delete(env);
  }

  /** An environment's units for the next run (see keptUnits.ts): its last check's, or those it kept. */
  unitsOf(env: string, check: EnvironmentCheck | undefined, view: EnvironmentView | undefined): string | undefined {
    const found = this.pending.has(env) ? undefined : check?.lastFound();
    return found && view ? storedUnits(found, view) : this.units.get(env);
  }

  /** The offer, taken by one commit only: later commits check what changed. */
  take(): Offered | undefined {
    const offered = this.offered;
    this.offered = undefined;
    return offered;
  }

  /**
   * What an environment takes from the offered results instead of being checked, which leaves its chains to be
   * linked when asked: all its diagnostics when its inputs are as they were; its units' (see unitsPatch.ts) when only
   * Services it may reach or its routes and HAProxy files changed (`files`: the workspace's), with the chains a change
   * may reach built again. Undefined: check it.
   */
  keptFor(offered: Offered, inputs: Inputs, view: EnvironmentView, services: ServiceIndex, settings: Settings, files: () => Iterable<FileModel>, fileAt: (path: string) => FileModel | undefined): RawDiagnostic[] | undefined {
    const source = `env:${view.id}`;
    const stored = offered.results[source];
    if (!stored) return undefined;
    const kept = keptDiagnostics(offered.results, source, inputs(source), fileAt);
    let patched: Patched | undefined = kept && { diagnostics: kept, units: stored.units, chains: stored.chains };
    const { last } = offered;
    if (!patched && stored.units !== undefined && last && !inputs.composed) {
      const own = inputs.own(view.id);
      const rest = inputs.rest(view.id);
      if (own !== undefined && stored.own === own) patched = patchedUnits(stored.units, view, services, settings, changedManifests(files(), view.id, last), fileAt, last);
      else if (rest !== undefined && stored.rest === rest) patched = relinkedUnits(stored.units, view, services, settings, changedManifests(files(), view.id, last), fileAt, last);
    }
    if (!patched) return undefined;
    this.pending.set(view.id, patched.chains);
    if (patched.units !== undefined) this.units.set(view.id, patched.units);
    return patched.diagnostics;
  }
}

/** The kept diagnostics of one check when the digest of its inputs is the one they were found with. */
export function keptDiagnostics(results: CheckResults, source: string, digest: string | undefined, fileAt: (path: string) => FileModel | undefined): RawDiagnostic[] | undefined {
  const kept = results[source];
  return kept && digest !== undefined && kept.digest === digest ? rawDiagnostics(kept.diagnostics, fileAt) : undefined;
}

/**
 * The digest of each check's inputs. The Services' check reads every Service file, the environments present and
 * the settings; an environment's, its own files, all that, and the Service files its chains may reach: those of no
 * environment and its own (see ServiceIndex.withNodePort), so that a Service changed in one environment re-checks
 * that one only. Services composed from several files (a chart, a kustomization's resources and patches) may be
 * reached from any environment: with any, every environment reads every Service file. Each is worked out once.
 */
export function checkInputs(files: Iterable<FileModel>, members: ReadonlyMap<string, readonly FileModel[]>, settings: Settings, digest: InputsDigest): Inputs {
  const serviceFiles = [...files].filter((file) => file.kind === 'kubernetes');
  const context = `${JSON.stringify({ ...settings, yamlExtension: undefined })}\n${[...members.keys()].sort().join('\n')}`;
  const services = digest(serviceFiles, context);
  const composed = serviceFiles.some((file) => file.chart !== undefined || file.kustomization !== undefined || file.operations !== undefined);
  const byEnv = new Map<string, string | undefined>();
  const of = (source: string): string | undefined => {
    if (source === SERVICES || services === undefined) return services;
    if (!byEnv.has(source)) {
      const env = source.slice(4);
      const reached = composed ? services : digest(serviceFiles.filter((file) => reachableFrom(file.env, env)), context);
      byEnv.set(source, reached === undefined ? undefined : digest(members.get(env) ?? [], reached));
    }
    return byEnv.get(source);
  };
  const own = (env: string): string | undefined => digest(members.get(env) ?? [], context);
  const rest = (env: string): string | undefined => digest((members.get(env) ?? []).filter((file) => file.kind !== 'routes' && file.kind !== 'proxy'), context);
  return Object.assign(of, { own, rest, composed });
}

/** What each check found, by check, with the digest of its inputs; an environment's with its units, when it has them. */
export function storedChecks(found: ReadonlyMap<string, ReadonlyMap<string, readonly RawDiagnostic[]>>, inputs: Inputs, chainCount: (env: string) => number, unitsOf: (env: string) => string | undefined): Record<string, StoredCheck> {
  const results: Record<string, StoredCheck> = {};
  for (const [source, byPath] of found) {
    const digest = inputs(source);
    if (digest === undefined) continue;
    const diagnostics = [...byPath.values()].flat().map(storedDiagnostic);
    if (source === SERVICES) {
      results[source] = { digest, chains: 0, diagnostics };
      continue;
    }
    const env = source.slice(4);
    const own = inputs.own(env);
    const rest = inputs.rest(env);
    const units = own === undefined || rest === undefined ? undefined : unitsOf(env);
    results[source] = { digest, chains: chainCount(env), diagnostics, ...(own !== undefined && rest !== undefined && units !== undefined ? { own, rest, units } : {}) };
  }
  return results;
}
