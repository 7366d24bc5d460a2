import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findExpressions } from '../../server/src/core/jinja/template';
import type { EnvironmentView } from '../../server/src/core/rules/view';
import type { FileModel } from '../../server/src/core/workspace/fileModel';
import type { Workspace } from '../../server/src/core/workspace/workspace';
import { loadProject } from '../../server/src/cli/loadProject';
import { REPO, tempDir } from '../helpers/paths';

/** Fixture repositories shaped like real Ansible repositories, each compared with ansible-inventory. */
export const ANSIBLE_REPOS = join(REPO, 'test', 'ansible-repos');

export function ansibleRepos(): string[] {
  return readdirSync(ANSIBLE_REPOS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Why the oracle cannot run here, or undefined when ansible-inventory answers. */
export function oracleMissing(): string | undefined {
  const probe = spawnSync('ansible-inventory', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : 'ansible-inventory is not installed (apt-get install ansible-core); the oracle test needs it';
}

interface AnsibleList {
  readonly _meta?: { readonly hostvars?: Record<string, Record<string, unknown>> };
  readonly [group: string]: unknown;
}

/** What ansible-inventory says of some inventory sources, run from `cwd` so that its ansible.cfg applies. */
export interface AnsibleView {
  readonly hostvars: Record<string, Record<string, unknown>>;
  /** Each group's hosts, its children's included. */
  readonly groupHosts: Map<string, Set<string>>;
}

const scratch = tempDir();

export function askAnsible(cwd: string, sources: readonly string[]): AnsibleView {
  const result = spawnSync('ansible-inventory', [...sources.flatMap((source) => ['-i', source]), '--list'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ANSIBLE_HOME: scratch, ANSIBLE_LOCAL_TEMP: scratch, ANSIBLE_INVENTORY_UNPARSED_FAILED: 'True', ANSIBLE_NOCOLOR: '1' },
  });
  if (result.status !== 0) throw new Error(`ansible-inventory failed in ${cwd}: ${result.stderr}`);
  const list = JSON.parse(result.stdout) as AnsibleList;
  const direct = new Map<string, { hosts: string[]; children: string[] }>();
  for (const [name, value] of Object.entries(list)) {
    if (name === '_meta' || typeof value !== 'object' || value === null) continue;
    const group = value as { hosts?: string[]; children?: string[] };
    direct.set(name, { hosts: group.hosts ?? [], children: group.children ?? [] });
  }
  const groupHosts = new Map<string, Set<string>>();
  const collect = (name: string, into: Set<string>, seen: Set<string>): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const host of direct.get(name)?.hosts ?? []) into.add(host);
    for (const child of direct.get(name)?.children ?? []) collect(child, into, seen);
  };
  for (const name of direct.keys()) {
    const hosts = new Set<string>();
    collect(name, hosts, new Set());
    groupHosts.set(name, hosts);
  }
  return { hostvars: list._meta?.hostvars ?? {}, groupHosts };
}

/** A value as both sides can state it: scalars as they are; dicts, lists and undefined as `<dict>`, `<list>`, `<undefined>`. */
export type Comparable = string | number | boolean | null;

export function ansibleValue(vars: Record<string, unknown> | undefined, path: string): Comparable {
  let current: unknown = vars;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !(part in current)) return '<undefined>';
    current = (current as Record<string, unknown>)[part];
  }
  if (Array.isArray(current)) return '<list>';
  if (typeof current === 'object' && current !== null) return '<dict>';
  return current as string | number | boolean | null;
}

/** Our value of `path` for each host that reads `file`, or undefined for a value hidden in a list or template. */
export function ourValues(view: EnvironmentView, path: string, file: FileModel): Map<string, Comparable> | undefined {
  const values = view.scope.perHost(path, file);
  if (!values) return undefined;
  const result = new Map<string, Comparable>();
  for (const value of values) {
    if (value.opaque) continue;
    const fact = value.fact;
    result.set(value.host, !fact ? '<undefined>' : fact.kind === 'map' ? '<dict>' : fact.kind === 'list' ? '<list>' : (fact.scalar ?? null));
  }
  return result;
}

/** Every `{{ path }}` a proxy, routes or vars file refers to. */
export function referencesOf(file: FileModel): string[] {
  const paths = new Set<string>();
  for (const expression of file.templates) if (expression.path !== undefined) paths.add(expression.path);
  for (const fact of file.variables) {
    if (typeof fact.scalar !== 'string' || !fact.scalar.includes('{{') || !fact.valueSpan) continue;
    for (const expression of findExpressions(file.text.slice(fact.valueSpan.start, fact.valueSpan.end), fact.valueSpan.start)) if (expression.path !== undefined) paths.add(expression.path);
  }
  return [...paths].sort();
}

export async function loadRepository(root: string): Promise<Workspace> {
  return loadProject(root, [], { cwd: root, stdout: () => undefined, stderr: () => undefined });
}

/** The disagreements between ansible-inventory and us on one environment, and how many values were compared. */
export function compareEnvironment(root: string, view: EnvironmentView): { problems: string[]; values: number } {
  const problems: string[] = [];
  let values = 0;
  const sources = view.inventories.map((file) => file.path);
  const ansible = askAnsible(root, sources);
  const graph = view.scope.hosts?.graph;
  for (const [group, hosts] of ansible.groupHosts) {
    const ours = new Set(graph?.hostsOf(group) ?? []);
    const theirs = [...hosts].sort().join(',');
    if ([...ours].sort().join(',') !== theirs) problems.push(`${view.name}: group ${group} has hosts [${theirs}] for Ansible, [${[...ours].sort().join(',')}] for us`);
  }
  for (const file of view.files) {
    if (file.kind !== 'proxy' && file.kind !== 'routes' && file.kind !== 'vars') continue;
    for (const path of referencesOf(file)) {
      const ours = ourValues(view, path, file);
      if (!ours) {
        problems.push(`${file.relativePath}: no hosts read it for us`);
        continue;
      }
      for (const [host, value] of ours) {
        const theirs = ansibleValue(ansible.hostvars[host], path);
        values++;
        if (theirs !== value) problems.push(`${file.relativePath}: {{ ${path} }} for host ${host} is ${String(theirs)} for Ansible, ${String(value)} for us`);
      }
    }
  }
  return { problems, values };
}
