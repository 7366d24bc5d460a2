import { parseAllDocuments, visit, type Document } from 'yaml';
import type { Span } from '../types';

export interface YamlProblem {
  readonly span: Span;
  readonly message: string;
}

export interface ParsedYaml {
  readonly documents: readonly Document.Parsed[];
  readonly problems: readonly YamlProblem[];
  readonly aliasCount: number;
}

/**
 * Parses every document of a YAML stream, keeping source ranges on each node.
 * Aliases are counted but never expanded here, so an alias bomb costs no more than its text.
 */
export function parseYaml(text: string): ParsedYaml {
  const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  // An empty stream is an empty array too.
  const documents: Document.Parsed[] = [...parsed];
  const problems: YamlProblem[] = [];
  let aliasCount = 0;
  for (const document of documents) {
    for (const error of document.errors) {
      const start = clamp(error.pos[0], text.length);
      const end = Math.max(start, clamp(error.pos[1], text.length));
      problems.push({ span: { start, end }, message: cleanMessage(error.message) });
    }
    visit(document, {
      Alias() {
        aliasCount++;
      },
    });
  }
  return { documents, problems, aliasCount };
}

function clamp(offset: number, length: number): number {
  return Math.max(0, Math.min(offset, length));
}

/** The yaml package appends " at line N, column M" and a code excerpt; our ranges already say where. */
function cleanMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '').trim();
}
