import type { FileModel } from '../model/files';
import type { ServiceFact } from '../model/facts';
import { namesOf, type ServiceDelta } from '../rules/view';

/** Past this many changed Service files (indexing, a branch switch), building the Service index afresh is simpler. */
const MAX_SERVICE_DELTA = 64;

type Delta = { files: Set<FileModel>; nodePorts: Set<number>; names: Set<string> };
const fresh = (): Delta => ({ files: new Set(), nodePorts: new Set(), names: new Set() });

/**
 * What the Service files staged since the last commit had and have (node ports and names), so that the commit
 * re-checks only the chains those may reach; nothing to go by once too many changed.
 */
export class ServiceChanges {
  private delta: Delta | undefined = fresh();

  /** `file` is the object the workspace holds for the path (or held, when it is removed). */
  note(file: FileModel | undefined, before: readonly ServiceFact[], after: readonly ServiceFact[]): void {
    const delta = this.delta;
    if (!file || !delta) return;
    if (delta.files.size >= MAX_SERVICE_DELTA) {
      this.delta = undefined;
      return;
    }
    delta.files.add(file);
    for (const service of [...before, ...after]) {
      for (const port of service.ports) if (port.nodePort) delta.nodePorts.add(port.nodePort.value);
      for (const name of namesOf(service)) delta.names.add(name);
    }
  }

  /** Everything may have changed (the settings did). */
  forget(): void {
    this.delta = undefined;
  }

  /** What was noted since the last take, or undefined when it cannot be told; starts afresh. */
  take(): ServiceDelta | undefined {
    const delta = this.delta;
    this.delta = fresh();
    return delta;
  }
}
