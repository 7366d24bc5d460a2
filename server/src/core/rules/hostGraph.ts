import type { InventoryFacts } from '../model/facts';

interface GroupNode {
  readonly hosts: Set<string>;
  readonly children: Set<string>;
  readonly parents: Set<string>;
  priority: number;
}

const MAX_DEPTH = 64;

/**
 * The groups and hosts of one environment, merged over its inventory sources as Ansible merges them:
 * a group without a parent is a child of `all`, a host in no group but `all` is in `ungrouped`, and a
 * group's depth is its longest path from `all` (what orders group vars).
 */
export class HostGraph {
  private readonly nodes = new Map<string, GroupNode>();
  private readonly depths = new Map<string, number>();
  private readonly hostGroups = new Map<string, readonly string[]>();
  private readonly groupHosts = new Map<string, readonly string[]>();

  constructor(inventories: readonly InventoryFacts[]) {
    this.node('all');
    this.node('ungrouped');
    for (const inventory of inventories) {
      for (const member of inventory.members) {
        const node = this.node(member.name);
        for (const host of member.hosts) node.hosts.add(host);
        for (const child of member.children) {
          if (child === member.name) continue;
          node.children.add(child);
          this.node(child).parents.add(member.name);
        }
        const priority = member.vars.find((fact) => fact.path === 'ansible_group_priority')?.scalar;
        if (typeof priority === 'number') node.priority = priority;
      }
    }
    const all = this.node('all');
    for (const [name, node] of this.nodes) {
      if (name !== 'all' && node.parents.size === 0) {
        node.parents.add('all');
        all.children.add(name);
      }
    }
    const grouped = new Set<string>();
    for (const [name, node] of this.nodes) if (name !== 'all' && name !== 'ungrouped') for (const host of node.hosts) grouped.add(host);
    const ungrouped = this.node('ungrouped');
    for (const host of [...ungrouped.hosts]) if (grouped.has(host)) ungrouped.hosts.delete(host);
    for (const host of all.hosts) if (!grouped.has(host)) ungrouped.hosts.add(host);
    all.hosts.clear();
    this.measure('all', 0, new Set());
  }

  /** Every host of the environment, in the order first written. */
  hosts(): readonly string[] {
    return this.hostsOf('all');
  }

  hasGroup(name: string): boolean {
    return this.nodes.has(name);
  }

  /** The hosts of a group and of its children at any depth. */
  hostsOf(group: string): readonly string[] {
    let known = this.groupHosts.get(group);
    if (known === undefined) {
      const found = new Set<string>();
      const seen = new Set<string>();
      const visit = (name: string): void => {
        const node = this.nodes.get(name);
        if (!node || seen.has(name)) return;
        seen.add(name);
        for (const host of node.hosts) found.add(host);
        for (const child of node.children) visit(child);
      };
      visit(group);
      known = [...found];
      this.groupHosts.set(group, known);
    }
    return known;
  }

  /** The groups a host is in (with `all`), ordered as Ansible applies their vars: by depth, priority, name. */
  groupsOf(host: string): readonly string[] {
    let known = this.hostGroups.get(host);
    if (known === undefined) {
      const found = new Set<string>(['all']);
      const up = (name: string): void => {
        if (found.has(name)) return;
        found.add(name);
        for (const parent of this.nodes.get(name)?.parents ?? []) up(parent);
      };
      for (const [name, node] of this.nodes) if (node.hosts.has(host)) up(name);
      known = [...found].sort((a, b) => this.depthOf(a) - this.depthOf(b) || this.priorityOf(a) - this.priorityOf(b) || (a < b ? -1 : a > b ? 1 : 0));
      this.hostGroups.set(host, known);
    }
    return known;
  }

  depthOf(group: string): number {
    return this.depths.get(group) ?? 1;
  }

  private priorityOf(group: string): number {
    return this.nodes.get(group)?.priority ?? 1;
  }

  private node(name: string): GroupNode {
    let node = this.nodes.get(name);
    if (!node) this.nodes.set(name, (node = { hosts: new Set(), children: new Set(), parents: new Set(), priority: 1 }));
    return node;
  }

  /** Longest path from `all`; a cycle of children (an error for Ansible) stops where it closes. */
  private measure(name: string, depth: number, path: Set<string>): void {
    if (path.has(name) || depth > MAX_DEPTH) return;
    if ((this.depths.get(name) ?? -1) >= depth) return;
    this.depths.set(name, depth);
    path.add(name);
    for (const child of this.nodes.get(name)?.children ?? []) this.measure(child, depth + 1, path);
    path.delete(name);
  }
}
