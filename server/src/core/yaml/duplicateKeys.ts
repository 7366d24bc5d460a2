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
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = keyText(pair);
      if (key === undefined || key === '<<') continue;
      const span = spanOf(pair.key as never);
      if (seen.has(key) && span) problems.push({ span, message: 'Map keys must be unique' });
      seen.add(key);
    }
  });
  return problems;
}
