import type { VariableFact } from '../model/facts';
import { where } from './sink';
import type { FileModel } from '../model/files';
import type { HostGraph } from './hostGraph';

export type HashBehaviour = 'replace' | 'merge';

type Level = 'inline' | 'inventory' | 'playbook';

/** Whose vars a file holds, as Ansible reads it: a group's, a host's. */
export type VarsOwner = { readonly group: string } | { readonly host: string };

/** One set of variables Ansible combines for a host: one vars file, or one group's or host's vars in an inventory. */
export interface VarsSource {
  readonly file: FileModel;
  readonly facts: readonly VariableFact[];
  readonly owner: VarsOwner;
  /** Files of an inventory source come before group_vars and host_vars files at the same level. */
  readonly inline: boolean;
  /** A vault-encrypted file: it may define anything. */
  readonly encrypted?: boolean;
  /** Beside the playbooks rather than the inventory: read after the inventory's at the same level. */
  readonly playbook?: boolean;
}

/** What one host sees for a variable path. */
export interface HostValue {
  readonly host: string;
  readonly file?: FileModel;
  readonly fact?: VariableFact;
  /** Defined, but inside a list or a template that is not looked into. */
  readonly opaque?: boolean;
  /** Why the path is undefined for this host although a source defines it. */
  readonly reason?: string;
  /** An encrypted file this host reads, which may define the path. */
  readonly encrypted?: FileModel;
}

const byPath = new WeakMap<readonly VariableFact[], Map<string, VariableFact>>();

function indexOf(facts: readonly VariableFact[]): Map<string, VariableFact> {
  let index = byPath.get(facts);
  if (!index) {
    index = new Map();
    for (const fact of facts) if (!index.has(fact.path)) index.set(fact.path, fact);
    byPath.set(facts, index);
  }
  return index;
}

/**
 * Resolves variables for each host as Ansible does (its default precedence): inventory vars of the host's
 * groups, `group_vars/all`, other groups' vars files by depth, priority and name, the host's inventory vars,
 * then its `host_vars`. A higher source's dict replaces a lower one's unless hash_behaviour is merge.
 */
export class HostScope {
  private readonly ordered = new Map<string, readonly VarsSource[]>();
  /** A path's value by the path and the sources that define its top-level key (see resolveKeyed). */
  private readonly resolved = new Map<string, HostValue>();
  private readonly positions: ReadonlyMap<VarsSource, number>;
  private readonly defining = new Map<string, Map<string, string>>();

  constructor(
    readonly graph: HostGraph,
    private readonly sources: readonly VarsSource[],
    readonly hashBehaviour: HashBehaviour,
  ) {
    this.positions = new Map(sources.map((source, index) => [source, index]));
  }

  /** The value of `path` for each of `hosts`. */
  resolve(path: string, hosts: readonly string[]): HostValue[] {
    const dot = path.indexOf('.');
    const top = dot < 0 ? path : path.slice(0, dot);
    // Hosts whose sources define the same top-level key see the same value: most of a group's hosts do.
    let lastSuffix: string | undefined;
    let lastValue: HostValue | undefined;
    return hosts.map((host) => {
      const suffix = this.definingSources(host, top);
      if (suffix !== lastSuffix || !lastValue) {
        lastSuffix = suffix;
        lastValue = this.resolveKeyed(path, suffix, host);
      }
      return lastValue.host === host ? lastValue : { ...lastValue, host };
    });
  }

  /** The sources a host combines, lowest precedence first. */
  sourcesOf(host: string): readonly VarsSource[] {
    let found = this.ordered.get(host);
    if (!found) {
      const groups = this.graph.groupsOf(host);
      // Ansible's default precedence (VARIABLE_PRECEDENCE): inventory-file vars, then each level's inventory
      // folder before its playbook folder.
      const at = (source: VarsSource, level: Level): boolean => (level === 'inline' ? source.inline : !source.inline && (level === 'playbook') === (source.playbook === true));
      const ofGroup = (group: string, level: Level): VarsSource[] => this.sources.filter((source) => at(source, level) && 'group' in source.owner && source.owner.group === group);
      const ofHost = (level: Level): VarsSource[] => this.sources.filter((source) => at(source, level) && 'host' in source.owner && source.owner.host === host);
      const others = groups.filter((group) => group !== 'all');
      found = [
        ...groups.flatMap((group) => ofGroup(group, 'inline')),
        ...ofGroup('all', 'inventory'),
        ...ofGroup('all', 'playbook'),
        ...others.flatMap((group) => ofGroup(group, 'inventory')),
        ...others.flatMap((group) => ofGroup(group, 'playbook')),
        ...ofHost('inline'),
        ...ofHost('inventory'),
        ...ofHost('playbook'),
      ];
      this.ordered.set(host, found);
    }
    return found;
  }

  /**
   * The value of `path` for `host`, whose sources that define the path's top-level key are `suffix` (see
   * definingSources): the value depends only on those (and the vault files that may), so hosts that share them
   * share it, though each has its own `ansible_host`. The value may name another such host.
   */
  private resolveKeyed(path: string, suffix: string, host: string): HostValue {
    const key = path + suffix;
    let value = this.resolved.get(key);
    if (!value) {
      if (this.resolved.size >= 100_000) this.resolved.clear();
      this.resolved.set(key, (value = this.resolveUncached(path, host)));
    }
    return value;
  }

  /** Which of a host's sources define the top-level key `top` (or may: vault files), as a key's suffix. */
  private definingSources(host: string, top: string): string {
    // Every `app.<name>.port` of a check shares its top-level key: worked out once per host, not once per path.
    let byTop = this.defining.get(host);
    if (!byTop) this.defining.set(host, (byTop = new Map<string, string>()));
    let suffix = byTop.get(top);
    if (suffix === undefined) {
      suffix = '';
      for (const source of this.sourcesOf(host)) if (source.encrypted || indexOf(source.facts).has(top)) suffix += `|${this.positions.get(source) ?? -1}`;
      byTop.set(top, suffix);
    }
    return suffix;
  }

  private resolveUncached(path: string, host: string): HostValue {
    const value = this.resolveReadable(path, host);
    if (value.fact) return value;
    // Undefined in what can be read: a vault file of the host may still define it.
    const encrypted = this.sourcesOf(host).find((source) => source.encrypted)?.file;
    return encrypted ? { ...value, opaque: true, encrypted } : value;
  }

  private resolveReadable(path: string, host: string): HostValue {
    const sources = this.sourcesOf(host);
    const parts = path.split('.');
    const top = parts[0] ?? path;
    if (this.hashBehaviour === 'replace') {
      for (let index = sources.length - 1; index >= 0; index--) {
        const source = sources[index];
        if (!source || !indexOf(source.facts).has(top)) continue;
        const found = lookIn(source, parts);
        if (found !== 'absent') return { host, ...found };
        const lower = sources.slice(0, index).find((candidate) => lookIn(candidate, parts) !== 'absent');
        if (!lower) return { host };
        const topFact = indexOf(source.facts).get(top);
        const lowerTop = indexOf(lower.facts).get(top);
        return {
          host,
          reason:
            `${where(source.file, topFact?.keySpan ?? { start: 0, end: 0 })} replaces the whole \`${top}\` of ` +
            `${where(lower.file, lowerTop?.keySpan ?? { start: 0, end: 0 })} for these hosts; Ansible does not merge dicts unless hash_behaviour=merge`,
        };
      }
      return { host };
    }
    for (let index = sources.length - 1; index >= 0; index--) {
      const source = sources[index];
      if (!source) continue;
      const found = lookIn(source, parts);
      if (found === 'absent') continue;
      if (found.fact?.path !== path && found.fact?.kind === 'map') continue;
      return { host, ...found };
    }
    return { host };
  }
}

/** The path in one source: its fact, or the list or template above it that hides it, or absent. */
function lookIn(source: VarsSource, parts: readonly string[]): { file: FileModel; fact: VariableFact; opaque?: boolean } | 'absent' {
  const index = indexOf(source.facts);
  const exact = index.get(parts.join('.'));
  if (exact) return { file: source.file, fact: exact };
  for (let length = parts.length - 1; length > 0; length--) {
    const prefix = index.get(parts.slice(0, length).join('.'));
    if (!prefix) continue;
    const hides = prefix.kind === 'list' || (typeof prefix.scalar === 'string' && prefix.scalar.includes('{{'));
    // A dict above without the key: under merge, lower sources may still hold it.
    return hides ? { file: source.file, fact: prefix, opaque: true } : 'absent';
  }
  return 'absent';
}
