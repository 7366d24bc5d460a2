import type { Span } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { LineIndex } from '../text/lineIndex';
import { documentsOf } from '../workspace/documents';

/** One `[name]`, `[name:children]` or `[name:vars]` section of an INI inventory, with its lines. */
export interface IniSection {
  readonly name: string;
  readonly kind: 'hosts' | 'children' | 'vars';
  /** The group name inside the brackets. */
  readonly nameSpan: Span;
  /** From the `[` of the header to the end of the section's last line of content. */
  readonly span: Span;
  /** The first word of each meaningful line: a host, a child group, or a variable name. */
  readonly items: readonly IniItem[];
}

export interface IniItem {
  readonly name: string;
  readonly span: Span;
  /** For `key=value` lines of a vars section. */
  readonly value?: Span;
}

/** Reads the sections of an INI inventory; lines before the first header belong to the implicit `ungrouped`. */
export function iniSections(text: string): IniSection[] {
  const sections: { name: string; kind: IniSection['kind']; nameSpan: Span; start: number; end: number; items: IniItem[] }[] = [];
  let offset = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const body = line.replace(/[\r\n]+$/, '');
    const trimmed = body.trim();
    const lead = body.length - body.trimStart().length;
    const header = /^\[([^\]:]+)(?::(children|vars))?\]/.exec(trimmed);
    const current = sections[sections.length - 1];
    if (header?.[1] !== undefined) {
      const raw = header[1];
      const name = raw.trim();
      const start = offset + lead + 1 + (raw.length - raw.trimStart().length);
      const kind = header[2] === 'children' || header[2] === 'vars' ? header[2] : 'hosts';
      sections.push({ name, kind, nameSpan: { start, end: start + name.length }, start: offset + lead, end: offset + lead + trimmed.length, items: [] });
    } else if (trimmed && !trimmed.startsWith('#') && !trimmed.startsWith(';') && current) {
      const word = /^[^\s=#;]+/.exec(trimmed)?.[0] ?? '';
      const start = offset + lead;
      const item: IniItem = { name: word, span: { start, end: start + word.length } };
      if (current.kind === 'vars') {
        const assignment = /^([^\s=]+)\s*=\s*(.*)$/.exec(trimmed);
        const value = (assignment?.[2] ?? '').trim();
        const valueStart = value ? offset + body.indexOf(value, lead + word.length) : -1;
        current.items.push(valueStart >= 0 ? { ...item, value: { start: valueStart, end: valueStart + value.length } } : item);
      } else if (word) {
        current.items.push(item);
      }
      current.end = offset + lead + trimmed.length;
    }
    offset += line.length;
  }
  return sections.map(({ name, kind, nameSpan, start, end, items }) => ({ name, kind, nameSpan, span: { start, end }, items }));
}

/** Keyed by the file's line index, which is made once per version of the text (the model object is kept). */
const cache = new WeakMap<LineIndex, readonly IniSection[]>();

/** The sections of an INI inventory file (none for a YAML one), read once per version of the file. */
export function iniSectionsOf(file: FileModel): readonly IniSection[] {
  if (file.kind !== 'inventory' || documentsOf(file).length > 0 || !file.inventory) return [];
  let sections = cache.get(file.lines);
  if (!sections) {
    sections = iniSections(file.text);
    cache.set(file.lines, sections);
  }
  return sections;
}
