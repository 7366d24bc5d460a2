import type { EnvironmentView } from '../rules/view';
import type { Span } from '../types';
import type { FileModel } from '../workspace/fileModel';
import { entries, get, getPath } from '../yaml/nodes';
import { contains } from './chainIndex';
import { iniSectionsOf } from './ini';
import { nodeAt } from './nodeAt';
import { documentSpan } from './symbolAt';
import { documentsAround } from '../workspace/documents';

interface Members {
  readonly hosts: string[];
  readonly children: string[];
}

/** The hosts and child groups written under one place that defines a group. */
function membersAt(file: FileModel, span: Span, name: string): Members {
  const members: Members = { hosts: [], children: [] };
  const sections = iniSectionsOf(file);
  if (sections.length) {
    for (const section of sections) {
      if (section.name !== name || section.kind === 'vars') continue;
      for (const item of section.items) (section.kind === 'hosts' ? members.hosts : members.children).push(item.name);
    }
    return members;
  }
  const found = nodeAt(file, span.start);
  const document = documentsAround(file, span.start).find((candidate) => contains(documentSpan(candidate), span.start));
  if (!found?.onKey || !document || !found.path.every((segment): segment is string => typeof segment === 'string')) return members;
  const value = getPath(document.contents, found.path)?.value;
  members.hosts.push(...entries(get(value, 'hosts')?.value).map((entry) => entry.key));
  members.children.push(...entries(get(value, 'children')?.value).map((entry) => entry.key));
  return members;
}

const MAX_GROUPS = 256;

/** Every host of a group, its child groups' included, across the environment's inventories. */
export function groupHosts(view: EnvironmentView, name: string): Set<string> {
  const hosts = new Set<string>();
  const visited = new Set<string>();
  const pending = [name];
  while (pending.length && visited.size < MAX_GROUPS) {
    const group = pending.pop();
    if (group === undefined || visited.has(group)) continue;
    visited.add(group);
    const files = new Set<FileModel>();
    for (const place of view.groups.get(group) ?? []) {
      // An INI file is read by section name once, whatever the number of places it names the group.
      if (iniSectionsOf(place.file).length) {
        if (files.has(place.file)) continue;
        files.add(place.file);
      }
      const members = membersAt(place.file, place.span, group);
      for (const host of members.hosts) hosts.add(host);
      pending.push(...members.children);
    }
  }
  return hosts;
}
