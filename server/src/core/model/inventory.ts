import type { Document } from 'yaml';
import { entries, get, keySpanOf } from '../yaml/nodes';
import type { GroupFact, GroupMembersFact, GroupVarsFact, HostVarsFact, InventoryFacts, VariableFact } from './facts';
import { expandHostPattern } from './hostRange';
import { readIniValue } from './iniValue';
import { flatten } from './variables';

const MAX_DEPTH = 64;

interface Collector {
  readonly groups: GroupFact[];
  readonly variables: VariableFact[];
  readonly members: Map<string, { hosts: string[]; children: string[]; vars: VariableFact[] }>;
  /** One entry per place a host is given vars: Ansible sets them in file order, a later key over an earlier one. */
  readonly hostVars: HostVarsFact[];
  /** Likewise per place a group is given vars (a YAML group written twice, two `[g:vars]` sections). */
  readonly groupVars: GroupVarsFact[];
}

function collector(): Collector {
  return { groups: [], variables: [], members: new Map(), hostVars: [], groupVars: [] };
}

function memberOf(into: Collector, name: string): { hosts: string[]; children: string[]; vars: VariableFact[] } {
  let member = into.members.get(name);
  if (!member) into.members.set(name, (member = { hosts: [], children: [], vars: [] }));
  return member;
}

function addUnique(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function finish(into: Collector): InventoryFacts {
  const members: GroupMembersFact[] = [...into.members].map(([name, member]) => ({ name, ...member }));
  return { groups: into.groups, variables: into.variables, members, hostVars: into.hostVars, groupVars: into.groupVars };
}

/**
 * A YAML inventory as Ansible's `yaml` plugin reads it: top-level groups (a group other than `all` is a child
 * of `all`), each with `hosts` (a host may carry vars), `children` nested to any depth, and `vars`.
 */
export function readYamlInventory(documents: readonly Document.Parsed[]): InventoryFacts {
  const into = collector();
  for (const document of documents) {
    for (const entry of entries(document.contents)) {
      readGroup(entry, into, 0);
      if (entry.key !== 'all') addUnique(memberOf(into, 'all').children, entry.key);
    }
  }
  return finish(into);
}

function readGroup(entry: ReturnType<typeof entries>[number], into: Collector, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const span = keySpanOf(entry.pair);
  if (span) into.groups.push({ name: entry.key, span });
  const member = memberOf(into, entry.key);
  const vars: VariableFact[] = [];
  flatten(get(entry.value, 'vars')?.value, '', vars, 0);
  for (const fact of vars) {
    member.vars.push(fact);
    into.variables.push(fact);
  }
  if (vars.length) into.groupVars.push({ group: entry.key, vars });
  for (const host of entries(get(entry.value, 'hosts')?.value)) {
    for (const name of expandHostPattern(host.key)) {
      addUnique(member.hosts, name);
      const own: VariableFact[] = [];
      flatten(host.value, '', own, 0);
      if (own.length === 0) continue;
      into.hostVars.push({ host: name, vars: own });
      for (const fact of own) into.variables.push(fact);
    }
  }
  for (const child of entries(get(entry.value, 'children')?.value)) {
    addUnique(member.children, child.key);
    readGroup(child, into, depth + 1);
  }
}

/**
 * An INI inventory as Ansible's `ini` plugin reads it: `[group]` host lines (with ranges and `key=value`
 * vars), `[group:children]` and `[group:vars]`; hosts before any section are in `ungrouped`.
 */
export function readIniInventory(text: string): InventoryFacts {
  const into = collector();
  into.groups.push({ name: 'all', span: { start: 0, end: 0 } });
  memberOf(into, 'all');
  let section: { name: string; kind: 'hosts' | 'children' | 'vars' } = { name: 'ungrouped', kind: 'hosts' };
  let offset = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const body = line.replace(/[\r\n]+$/, '');
    const trimmed = body.trim();
    const lead = body.length - body.trimStart().length;
    const header = /^\[([^\]:]+)(?::(children|vars))?\]/.exec(trimmed);
    if (header?.[1] !== undefined) {
      const name = header[1].trim();
      const kind = header[2] === 'children' || header[2] === 'vars' ? header[2] : 'hosts';
      section = { name, kind };
      memberOf(into, name);
      if (kind === 'vars') into.groupVars.push({ group: name, vars: [] });
      if (kind !== 'vars') into.groups.push({ name, span: { start: offset + lead + 1, end: offset + lead + 1 + name.length } });
    } else if (trimmed && !trimmed.startsWith('#') && !trimmed.startsWith(';')) {
      if (section.kind === 'children') {
        const name = trimmed.split(/\s+/)[0] ?? '';
        addUnique(memberOf(into, section.name).children, name);
        memberOf(into, name);
        into.groups.push({ name, span: { start: offset + lead, end: offset + lead + name.length } });
      } else if (section.kind === 'vars') {
        const assignment = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed);
        if (assignment?.[1] !== undefined) {
          const fact = iniFact(assignment[1], (assignment[2] ?? '').trim(), offset + lead, offset + body.indexOf((assignment[2] ?? '').trim(), lead + assignment[1].length));
          memberOf(into, section.name).vars.push(fact);
          into.groupVars[into.groupVars.length - 1]?.vars.push(fact);
          into.variables.push(fact);
        }
      } else {
        readHostLine(body, offset, section.name, into);
      }
    }
    offset += line.length;
  }
  return finish(into);
}

/** `gateway-[1:3] ansible_host=10.0.0.1 port=30165`: the hosts it names and the vars each gets. */
function readHostLine(body: string, offset: number, group: string, into: Collector): void {
  const tokens = [...body.matchAll(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g)];
  const first = tokens[0];
  if (!first || first.index === undefined) return;
  const own: VariableFact[] = [];
  for (const token of tokens.slice(1)) {
    if (token.index === undefined || token[0].startsWith('#')) break;
    const equals = token[0].indexOf('=');
    if (equals <= 0) continue;
    const key = token[0].slice(0, equals);
    own.push(iniFact(key, token[0].slice(equals + 1), offset + token.index, offset + token.index + equals + 1));
  }
  for (const host of expandHostPattern(first[0])) {
    addUnique(memberOf(into, group).hosts, host);
    if (own.length === 0) continue;
    into.hostVars.push({ host, vars: own });
  }
  for (const fact of own) into.variables.push(fact);
}

function iniFact(key: string, raw: string, keyStart: number, valueStart: number): VariableFact {
  return {
    path: key,
    keySpan: { start: keyStart, end: keyStart + key.length },
    valueSpan: { start: valueStart, end: valueStart + raw.length },
    kind: 'scalar',
    scalar: readIniValue(raw),
  };
}
