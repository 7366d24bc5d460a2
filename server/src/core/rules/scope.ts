import type { TemplateExpression } from '../jinja/template';
import { findExpressions } from '../jinja/template';
import type { PortRef } from '../model/facts';
import { pushTo } from '../util';
import type { FileModel } from '../model/files';
import { HostGraph } from './hostGraph';
import { HostScope, type HashBehaviour, type HostValue, type VarsOwner, type VarsSource } from './hostScope';
import type { Resolution, VariableDefinition } from './resolution';
import { renderValue } from './templateValue';
import { isPlaybookVars } from './playbookFiles';

export type { Resolution, VariableDefinition };

const MAX_INDIRECTIONS = 16;
const NEUTRAL_FILTERS = new Set(['int', 'string', 'trim', 'lower', 'upper', 'default', 'd', 'float', 'mandatory']);

/** The variables one environment defines: its inventories' vars and its group vars files. */
export class VariableScope {
  private readonly definitions = new Map<string, VariableDefinition[]>();
  /** Per-host resolution, when the inventory names hosts; without hosts, definitions are ranked by file. */
  readonly hosts: HostScope | undefined;
  /** Vault-encrypted vars files: they may define any variable. */
  readonly encrypted: readonly FileModel[];
  private readonly perHostCache = new WeakMap<FileModel, Map<string, readonly HostValue[] | undefined>>();
  private readonly resolvedPorts = new WeakMap<PortRef, Resolution>();

  /** `env` tells the environment's own vars from the playbook-adjacent ones it also reads (see playbookVars). */
  constructor(files: readonly FileModel[], hashBehaviour: HashBehaviour = 'replace', env?: string) {
    const sources: VarsSource[] = [];
    const inventories = [];
    for (const file of files) {
      for (const fact of file.inventory?.variables ?? []) pushTo(this.definitions, fact.path, { file, fact });
      for (const fact of file.variables) pushTo(this.definitions, fact.path, { file, fact });
      if (file.inventory) {
        inventories.push(file.inventory);
        for (const set of file.inventory.groupVars) if (set.vars.length) sources.push({ file, facts: set.vars, owner: { group: set.group }, inline: true });
        for (const host of file.inventory.hostVars) sources.push({ file, facts: host.vars, owner: { host: host.host }, inline: true });
      }
    }
    // Within one group's folder Ansible reads files in lexical order, each later one over the earlier.
    const varsFiles = files.filter((file) => !file.inventory && (file.variables.length > 0 || file.encrypted)).sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
    for (const file of varsFiles) {
      const playbook = env !== undefined && isPlaybookVars(file, env);
      sources.push({ file, facts: file.variables, owner: ownerOf(file) ?? { group: 'all' }, inline: false, ...(playbook ? { playbook } : {}), ...(file.encrypted ? { encrypted: true } : {}) });
    }
    this.encrypted = varsFiles.filter((file) => file.encrypted);
    const graph = new HostGraph(inventories);
    this.hosts = graph.hosts().length > 0 ? new HostScope(graph, sources, hashBehaviour) : undefined;
  }

  /** An encrypted file that may define `path` for the hosts reading `from` (any, without hosts). */
  encryptedFor(path: string, from: FileModel): FileModel | undefined {
    const values = this.perHost(path, from);
    if (!values) return this.encrypted[0];
    return values.find((value) => value.encrypted)?.encrypted;
  }

  /** The hosts that read a file: its group's hosts, its host, or every host for a file of no group. */
  readersOf(file: FileModel): readonly string[] | undefined {
    if (!this.hosts || file.kind === 'inventory' || file.kind === 'kubernetes') return undefined;
    const owner = ownerOf(file);
    const hosts = owner === undefined ? this.hosts.graph.hosts() : 'host' in owner ? [owner.host] : this.hosts.graph.hostsOf(owner.group);
    return hosts.length ? hosts : undefined;
  }

  /** What each host reading `from` sees for `path`; undefined when the inventory names no such hosts. */
  perHost(path: string, from: FileModel): readonly HostValue[] | undefined {
    // Asked several times per reference by each check (a port, its definition, whether it is defined): kept for
    // the life of the scope, which ends when a file that defines variables changes.
    let byPath = this.perHostCache.get(from);
    if (!byPath) this.perHostCache.set(from, (byPath = new Map<string, readonly HostValue[] | undefined>()));
    if (byPath.has(path)) return byPath.get(path);
    // Typing a reference asks for a new path at each keystroke: bounded, as a scope may outlive many edits.
    if (byPath.size >= 20_000) byPath.clear();
    const hosts = this.readersOf(from);
    const values = hosts && this.hosts?.resolve(path, hosts);
    byPath.set(path, values);
    return values;
  }

  /** The hosts reading `from` for which `path` is undefined, and why, or undefined when it is defined for all. */
  undefinedFor(path: string, from: FileModel): { readonly hosts: readonly string[]; readonly reason?: string } | undefined {
    const values = this.perHost(path, from);
    // Asked for every reference a check resolves, and nearly always defined for every host.
    if (!values?.some((value) => !value.fact && !value.opaque)) return undefined;
    const missing = values.filter((value) => !value.fact && !value.opaque);
    const reason = missing.find((value) => value.reason)?.reason;
    return { hosts: missing.map((value) => value.host), ...(reason ? { reason } : {}) };
  }

  /**
   * The definitions of `path`, the one that applies first: for the hosts that read `from` (the hosts of its
   * group), as Ansible ranks them, that group's vars, then `group_vars/all`, then the inventory's own vars, then
   * the vars of other groups (which apply only to hosts also in those groups). Without `from`, as for `all`.
   */
  lookup(path: string, from?: FileModel): readonly VariableDefinition[] {
    const found = this.definitions.get(path) ?? [];
    const values = from && this.perHost(path, from);
    if (values) {
      // The definitions the hosts use come first, in the order of the hosts that use them.
      const winners: VariableDefinition[] = [];
      for (const value of values) {
        const definition = value.fact && !value.opaque ? found.find((candidate) => candidate.fact === value.fact) : undefined;
        if (definition && !winners.includes(definition)) winners.push(definition);
      }
      if (winners.length) return [...winners, ...found.filter((definition) => !winners.includes(definition))];
    }
    if (found.length < 2) return found;
    const context = from && hostGroupOf(from);
    const ranked = found.map((definition, index) => ({ definition, index, rank: rankFor(definition.file, context) }));
    ranked.sort((a, b) => b.rank - a.rank || a.index - b.index);
    return ranked.map((entry) => entry.definition);
  }

  paths(): IterableIterator<string> {
    return this.definitions.keys();
  }

  /** True when the path is defined, or hides behind a list or a template we cannot see into. */
  isDefined(path: string): boolean {
    if (this.definitions.has(path)) return true;
    const parts = path.split('.');
    for (let length = parts.length - 1; length > 0; length--) {
      const prefix = this.definitions.get(parts.slice(0, length).join('.'))?.[0]?.fact;
      if (!prefix) continue;
      return prefix.kind === 'list' || (typeof prefix.scalar === 'string' && prefix.scalar.includes('{{'));
    }
    return false;
  }

  /**
   * A port's resolution, kept for the life of the scope: a check asks for each port twice (linking, then the
   * chain's hops), and a re-check for every port of the chains it builds again. A reference belongs to one file,
   * and what it resolves to changes only with the variables, which make a new scope.
   */
  resolvePort(ref: PortRef, file: FileModel): Resolution {
    let resolution = this.resolvedPorts.get(ref);
    if (!resolution) this.resolvedPorts.set(ref, (resolution = this.resolvePortNow(ref, file)));
    return resolution;
  }

  private resolvePortNow(ref: PortRef, file: FileModel): Resolution {
    if (ref.literal !== undefined) return { value: ref.literal, source: { file, span: ref.span }, via: [] };
    const reference = ref.template ? this.resolveExpression(ref.template, file, 0, []) : undefined;
    if (reference && (reference.value !== undefined || reference.unknownPath !== undefined || reference.unresolved !== undefined)) return reference;
    // More than a path and neutral filters: the expression reader computes what Ansible renders.
    if (ref.jinja !== undefined) return renderValue(this, ref.jinja, file, ref.span, file, []);
    return reference ?? { via: [] };
  }

  resolveExpression(expression: TemplateExpression, file: FileModel, depth: number, via: VariableDefinition[], context: FileModel = file): Resolution {
    const path = expression.path;
    if (!expression.simple || path === undefined || depth > MAX_INDIRECTIONS) return { via };
    if (expression.filters.some((filter) => !NEUTRAL_FILTERS.has(filter.name))) return { via };
    // The hosts that read the first file decide which definition applies, all along the way.
    const missing = this.undefinedFor(path, context);
    const definition = missing ? undefined : this.lookup(path, context)[0];
    if (!definition) {
      const fallback = expression.filters.find((filter) => (filter.name === 'default' || filter.name === 'd') && filter.literal !== undefined);
      if (fallback?.literal !== undefined && fallback.literalSpan) return { value: fallback.literal, source: { file, span: fallback.literalSpan }, via };
      return { via, unknownPath: path };
    }
    if (via.includes(definition)) return { via };
    const chain = [...via, definition];
    const { fact } = definition;
    if (typeof fact.scalar === 'number' && fact.valueSpan) return { value: fact.scalar, source: { file: definition.file, span: fact.valueSpan }, via: chain };
    if (typeof fact.scalar === 'string' && fact.valueSpan) {
      if (/^\s*\d+\s*$/.test(fact.scalar)) return { value: Number(fact.scalar), source: { file: definition.file, span: fact.valueSpan }, via: chain };
      const raw = definition.file.text.slice(fact.valueSpan.start, fact.valueSpan.end);
      const inner = findExpressions(raw, fact.valueSpan.start);
      const only = inner[0];
      if (inner.length === 1 && only && fact.scalar.trim().startsWith('{{') && fact.scalar.trim().endsWith('}}')) {
        const followed = this.resolveExpression(only, definition.file, depth + 1, chain, context);
        if (followed.value !== undefined || followed.unknownPath !== undefined || followed.unresolved !== undefined) return followed;
      }
      if (/\{[{%#]/.test(fact.scalar)) return renderValue(this, fact.scalar, definition.file, fact.valueSpan, context, chain);
      return { value: fact.scalar, source: { file: definition.file, span: fact.valueSpan }, via: chain };
    }
    return { via: chain };
  }
}

/**
 * The group whose hosts read a vars file: `group_vars/<group>/...` or `group_vars/<group>.yml`, or a folder
 * beside the inventory (`inventories/prod/kube_gateway_pool/proxy.yml`). Undefined for an inventory and for a
 * file directly in the environment's folder.
 */
function hostGroupOf(file: FileModel): string | undefined {
  if (file.kind === 'inventory' || file.kind === 'kubernetes') return undefined;
  let group = groups.get(file);
  if (group === undefined) {
    const rest = file.env && file.env !== '.' && file.relativePath.startsWith(`${file.env}/`) ? file.relativePath.slice(file.env.length + 1) : file.relativePath;
    const parts = rest.split('/');
    if (parts[0] === 'group_vars' && parts.length > 1) group = (parts[1] ?? '').replace(/\.(ya?ml|json)$/i, '');
    else group = parts.length > 1 ? (parts[0] ?? '') : '';
    groups.set(file, group);
  }
  return group || undefined;
}

const groups = new WeakMap<FileModel, string>();

/** A `host_vars/<host>` file belongs to that host; any other vars file to the group hostGroupOf names. */
function ownerOf(file: FileModel): VarsOwner | undefined {
  const host = /(?:^|\/)host_vars\/([^/]+)/.exec(file.relativePath)?.[1];
  if (host !== undefined) return { host: host.replace(/\.(ya?ml|json)$/i, '') };
  const group = hostGroupOf(file);
  return group === undefined ? undefined : { group };
}

function rankFor(file: FileModel, context: string | undefined): number {
  if (file.kind === 'inventory') return 1;
  const group = hostGroupOf(file);
  if (group !== undefined && group === context && group !== 'all') return 3;
  return group === undefined || group === 'all' ? 2 : 0;
}
