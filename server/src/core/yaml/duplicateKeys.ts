import { isMap, isPair, type Document } from 'yaml';
import { keyText, spanOf } from './nodes';
import type { YamlProblem } from './problem';
import { forEachNode } from './walk';

/**
 * The yaml package's own unique-key check compares every key with every earlier one, which is quadratic:
 * an `app:` map of 2,000 apps took seconds. Keys are checked here instead, with one set per map.
 */
export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true } as const;

export function duplicateKeys(document: Document.Parsed): YamlProblem[] {
  const problems: YamlProblem[] = [];
  forEachNode(document.contents, (node) => {
    if (!isMap(node)) return;
    const seen = new KeysSeen();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const span = spanOf(pair.key as never);
      if (!seen.add(keyText(pair)) && span) problems.push({ span, message: 'Map keys must be unique' });
    }
  });
  return problems;
}

/**
 * The keys of one map so far, as they are compared for uniqueness (also by the fast reader, as it builds a map):
 * most maps have a handful, compared in a list; a long one (2,000 apps) gets a set.
 */
export class KeysSeen {
  private readonly list: string[] = [];
  private set: Set<string> | undefined;

  /** False when the key was seen before. A key that is not text, or a merge key, is not compared. */
  add(key: string | undefined): boolean {
    if (key === undefined || key === '<<') return true;
    if (this.set) {
      if (this.set.has(key)) return false;
      this.set.add(key);
      return true;
    }
    if (this.list.includes(key)) return false;
    this.list.push(key);
    if (this.list.length > 16) this.set = new Set(this.list);
    return true;
  }
}
