import type { FileModel } from '../model/files';
import type { RawDiagnostic } from '../rules/sink';
import type { Settings } from '../settings';
import { reachableFrom } from '../rules/view';
import { rawDiagnostics, storedDiagnostic, type CheckResults, type InputsDigest, type StoredCheck } from './checkResults';

/** The digest of a check's inputs, by check. */
type Inputs = (source: string) => string | undefined;

/** The check of the Services; the others are `env:<id>`. */
export const SERVICES = 'services';

/**
 * Check results offered to the next commit (a warm start), and the environments whose diagnostics it took from
 * them: their chains are linked only when something asks for them (`Workspace.chains`) or in idle time.
 */
export class KeptChecks {
  private offered: { readonly results: CheckResults; readonly digest: InputsDigest } | undefined;
  /** By environment, how many chains it had when its diagnostics were kept. */
  readonly pending = new Map<string, number>();
  private last: { readonly revision: number; readonly digest: InputsDigest; readonly inputs: Inputs } | undefined;

  offer(results: CheckResults, digest: InputsDigest): void {
    this.offered = { results, digest };
  }

  /**
   * The digests of the checks' inputs, worked out once per revision of the workspace: the commit that takes the
   * offer and the saving after it both ask (anything staged in between makes another revision).
   */
  inputs(revision: number, digest: InputsDigest, compute: () => Inputs): Inputs {
    if (this.last?.revision !== revision || this.last.digest !== digest) this.last = { revision, digest, inputs: compute() };
    return this.last.inputs;
  }

  /** The offer, taken by one commit only: later commits check what changed. */
  take(): { readonly results: CheckResults; readonly digest: InputsDigest } | undefined {
    const offered = this.offered;
    this.offered = undefined;
    return offered;
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
  return (source) => {
    if (source === SERVICES || services === undefined) return services;
    if (!byEnv.has(source)) {
      const env = source.slice(4);
      const reached = composed ? services : digest(serviceFiles.filter((file) => reachableFrom(file.env, env)), context);
      byEnv.set(source, reached === undefined ? undefined : digest(members.get(env) ?? [], reached));
    }
    return byEnv.get(source);
  };
}

/** What each check found, by check, with the digest of its inputs. */
export function storedChecks(found: ReadonlyMap<string, ReadonlyMap<string, readonly RawDiagnostic[]>>, inputs: Inputs, chainCount: (env: string) => number): Record<string, StoredCheck> {
  const results: Record<string, StoredCheck> = {};
  for (const [source, byPath] of found) {
    const digest = inputs(source);
    if (digest !== undefined) results[source] = { digest, chains: source === SERVICES ? 0 : chainCount(source.slice(4)), diagnostics: [...byPath.values()].flat().map(storedDiagnostic) };
  }
  return results;
}
