import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/paths';
import { ansibleValue, askAnsible, loadRepository, oracleMissing, type Comparable } from './oracle';

const CASES = 200;
const CASES_PER_RUN = 10;
const SEED = 20261127;
const PATHS = ['app', 'app.a', 'app.a.port', 'app.b.port', 'port', 'svc.name'];

/** A small deterministic generator: a failing case can be written again from the seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Some of the variables the paths name, as YAML lines at `indent`: ints, and dicts that may lack keys. */
function randomVars(next: () => number, indent: string): string[] {
  const lines: string[] = [];
  const port = (): number => 30000 + Math.floor(next() * 100);
  if (next() < 0.5) {
    lines.push(`${indent}app:`);
    if (next() < 0.7) lines.push(`${indent}  a:`, `${indent}    port: ${port()}`);
    if (next() < 0.5) lines.push(`${indent}  b:`, `${indent}    port: ${port()}`);
    if (lines.length === 1) lines[0] += ' {}';
  }
  if (next() < 0.3) lines.push(`${indent}port: ${port()}`);
  if (next() < 0.2) lines.push(`${indent}svc:`, `${indent}  name: s${Math.floor(next() * 10)}`);
  return lines;
}

/**
 * One random repository case: groups nested at random (a group's children come after it), hosts in one or two
 * groups, and vars in the inventory, group_vars and host_vars beside it and beside the playbooks. Names are unique to the case, so that one
 * ansible-inventory run over every case's inventory answers for all of them.
 */
function writeCase(root: string, index: number, next: () => number): void {
  const folder = join(root, 'inventories', `case${index}`);
  mkdirSync(join(folder, 'group_vars'), { recursive: true });
  mkdirSync(join(folder, 'host_vars'), { recursive: true });
  const groups = Array.from({ length: 2 + Math.floor(next() * 4) }, (_, group) => `c${index}_g${group}`);
  const hosts = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, host) => `c${index}-h${host}`);
  const children = new Map<string, string[]>(groups.map((group) => [group, []]));
  const hasParent = new Set<string>();
  groups.forEach((group, position) => {
    for (const later of groups.slice(position + 1)) {
      if (next() < 0.35) {
        children.get(group)?.push(later);
        hasParent.add(later);
      }
    }
  });
  const members = new Map<string, string[]>(groups.map((group) => [group, []]));
  for (const host of hosts) {
    const count = next() < 0.3 ? 2 : 1;
    for (let n = 0; n < count; n++) members.get(groups[Math.floor(next() * groups.length)] ?? '')?.push(host);
  }
  const lines = ['all:', '  children:'];
  const written = new Set<string>();
  const writeGroup = (group: string, indent: string): void => {
    lines.push(`${indent}${group}:`);
    if (written.has(group)) return;
    written.add(group);
    const own = [...new Set(members.get(group))];
    if (own.length) {
      lines.push(`${indent}  hosts:`);
      for (const host of own) {
        const vars = next() < 0.2 ? randomVars(next, `${indent}      `) : [];
        lines.push(`${indent}    ${host}:${vars.length ? '' : ''}`, ...vars);
      }
    }
    const vars = next() < 0.4 ? randomVars(next, `${indent}    `) : [];
    const priority = next() < 0.2 ? [`${indent}    ansible_group_priority: ${1 + Math.floor(next() * 5)}`] : [];
    if (vars.length || priority.length) lines.push(`${indent}  vars:`, ...vars, ...priority);
    const kids = children.get(group) ?? [];
    if (kids.length) {
      lines.push(`${indent}  children:`);
      for (const kid of kids) writeGroup(kid, `${indent}    `);
    }
  };
  for (const group of groups) if (!hasParent.has(group)) writeGroup(group, '    ');
  writeFileSync(join(folder, 'hosts.yml'), `${lines.join('\n')}\n`);
  for (const group of groups) {
    if (next() < 0.5) writeFileSync(join(folder, 'group_vars', `${group}.yml`), `${['---', ...randomVars(next, '')].join('\n')}\n`);
  }
  for (const host of hosts) {
    if (next() < 0.25) writeFileSync(join(folder, 'host_vars', `${host}.yml`), `${['---', ...randomVars(next, '')].join('\n')}\n`);
  }
  // Beside the playbooks (the root, from where ansible-inventory runs): after the inventory's at each level.
  for (const group of groups) {
    if (next() < 0.25) writeFileSync(join(root, 'group_vars', next() < 0.5 ? group : `${group}.yml`), `${['---', ...randomVars(next, '')].join('\n')}\n`);
  }
  for (const host of hosts) {
    if (next() < 0.15) writeFileSync(join(root, 'host_vars', `${host}.json`), `${JSON.stringify(Object.fromEntries(randomVars(next, '').length ? [['port', 30000 + Math.floor(next() * 100)]] : []))}\n`);
  }
}

describe('random inventories', () => {
  it(`${CASES} random inventories resolve every host's variables as ansible-inventory does (seed ${SEED})`, async (t) => {
    const missing = oracleMissing();
    if (missing) {
      t.skip(missing);
      return;
    }
    const root = tempDir();
    const next = random(SEED);
    mkdirSync(join(root, 'group_vars'));
    mkdirSync(join(root, 'host_vars'));
    writeFileSync(join(root, 'group_vars', 'all.yml'), `${['---', ...randomVars(next, '')].join('\n')}\n`);
    for (let index = 0; index < CASES; index++) writeCase(root, index, next);
    const workspace = await loadRepository(root);
    const views = workspace.environmentNames().map((id) => workspace.environment(id)).filter((view) => view?.hasInventory());
    assert.equal(views.length, CASES);
    const problems: string[] = [];
    let compared = 0;
    // Ansible looks for every host's vars beside every source: a few cases per run keeps that from growing as the square.
    let ansible: ReturnType<typeof askAnsible> | undefined;
    for (const [position, view] of views.entries()) {
      if (position % CASES_PER_RUN === 0 || !ansible) ansible = askAnsible(root, views.slice(position, position + CASES_PER_RUN).flatMap((other) => other?.inventories.map((file) => file.path) ?? []));
      const scope = view?.scope.hosts;
      if (!view || !scope) continue;
      for (const [group, hosts] of ansible.groupHosts) {
        if (!group.startsWith(`${view.name.replace('case', 'c')}_`)) continue;
        const ours = [...scope.graph.hostsOf(group)].sort().join(',');
        if (ours !== [...hosts].sort().join(',')) problems.push(`${view.name}: group ${group} has [${[...hosts].sort().join(',')}] for Ansible, [${ours}] for us`);
      }
      for (const host of scope.graph.hosts()) {
        for (const path of PATHS) {
          const [value] = scope.resolve(path, [host]);
          const fact = value?.fact;
          const ours: Comparable = !fact ? '<undefined>' : fact.kind === 'map' ? '<dict>' : fact.kind === 'list' ? '<list>' : (fact.scalar ?? null);
          const theirs = ansibleValue(ansible.hostvars[host], path);
          compared++;
          if (ours !== theirs) problems.push(`${view.name} host ${host}: ${path} is ${String(theirs)} for Ansible, ${String(ours)} for us`);
        }
      }
    }
    t.diagnostic(`${compared} values compared`);
    assert.ok(compared > CASES);
    assert.deepEqual(problems.slice(0, 20), []);
  });
});
