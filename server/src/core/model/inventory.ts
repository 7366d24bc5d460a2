import type { Document } from 'yaml';
import { entries, get, keySpanOf } from '../yaml/nodes';
import type { GroupFact, InventoryFacts, VariableFact } from './facts';
import { flatten } from './variables';

const MAX_DEPTH = 64;

/** A YAML inventory: `all.children.<group>` nested to any depth, with `vars` at any level. */
export function readYamlInventory(documents: readonly Document.Parsed[]): InventoryFacts {
  const groups: GroupFact[] = [];
  const variables: VariableFact[] = [];
  for (const document of documents) {
    for (const entry of entries(document.contents)) readGroup(entry, groups, variables, 0);
  }
  return { groups, variables };
}

function readGroup(entry: ReturnType<typeof entries>[number], groups: GroupFact[], variables: VariableFact[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const span = keySpanOf(entry.pair);
  if (span) groups.push({ name: entry.key, span });
  flatten(get(entry.value, 'vars')?.value, '', variables, 0);
  for (const child of entries(get(entry.value, 'children')?.value)) readGroup(child, groups, variables, depth + 1);
}

/** An INI inventory: `[group]`, `[group:children]` and `[group:vars]` sections. */
export function readIniInventory(text: string): InventoryFacts {
  const groups: GroupFact[] = [{ name: 'all', span: { start: 0, end: 0 } }];
  const variables: VariableFact[] = [];
  let section: { name: string; kind: 'hosts' | 'children' | 'vars' } | undefined;
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
      if (kind !== 'vars') groups.push({ name, span: { start: offset + lead + 1, end: offset + lead + 1 + name.length } });
    } else if (trimmed && !trimmed.startsWith('#') && !trimmed.startsWith(';') && section) {
      if (section.kind === 'children') {
        const name = trimmed.split(/\s+/)[0] ?? '';
        groups.push({ name, span: { start: offset + lead, end: offset + lead + name.length } });
      } else if (section.kind === 'vars') {
        const assignment = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed);
        if (assignment?.[1] !== undefined) {
          const raw = (assignment[2] ?? '').trim();
          const valueStart = offset + body.indexOf(raw, lead + assignment[1].length);
          variables.push({
            path: assignment[1],
            keySpan: { start: offset + lead, end: offset + lead + assignment[1].length },
            valueSpan: { start: valueStart, end: valueStart + raw.length },
            kind: 'scalar',
            scalar: /^\d+$/.test(raw) ? Number(raw) : raw.replace(/^(['"])(.*)\1$/, '$2'),
          });
        }
      }
    }
    offset += line.length;
  }
  return { groups, variables };
}
