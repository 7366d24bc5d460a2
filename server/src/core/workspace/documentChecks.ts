import { isScalar, type Document } from 'yaml';
import { findExpressions, type TemplateExpression } from '../jinja/template';
import { SCHEMAS } from '../schema/schemas';
import { validateNode } from '../schema/validate';
import { spanOf } from '../yaml/nodes';
import { forEachNode } from '../yaml/walk';
import type { LocalProblem } from './fileModel';

/**
 * Schema problems of an entry parsed earlier are kept with the entry's document: an edit elsewhere in a large
 * file re-validates nothing else. Ranges are stored relative to the document, which may move.
 */
const schemaCache = new WeakMap<Document.Parsed, { readonly schema: keyof typeof SCHEMAS; readonly start: number; readonly problems: readonly LocalProblem[] }>();

export function validate(document: Document.Parsed, schema: keyof typeof SCHEMAS, problems: LocalProblem[]): void {
  // A document that failed to parse would only add noise on top of its syntax error.
  if (document.errors.length > 0 || document.contents === null) return;
  const rootSpan = spanOf(document.contents);
  const start = rootSpan?.start ?? 0;
  const cached = schemaCache.get(document);
  if (cached?.schema === schema) {
    const delta = start - cached.start;
    for (const problem of cached.problems) problems.push(delta ? { ...problem, span: { start: problem.span.start + delta, end: problem.span.end + delta } } : problem);
    return;
  }
  const holder = rootSpan ? { start: rootSpan.start, end: rootSpan.start } : undefined;
  const found: LocalProblem[] = validateNode(document.contents, SCHEMAS[schema], SCHEMAS[schema], holder).map((problem) => ({ code: 'schema', span: problem.span, message: problem.message }));
  schemaCache.set(document, { schema, start, problems: found });
  problems.push(...found);
}

export function templatesOf(documents: readonly Document.Parsed[], text: string): TemplateExpression[] {
  const found: TemplateExpression[] = [];
  for (const document of documents) {
    forEachNode(document.contents, (node) => {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('{{')) return;
      const span = spanOf(node);
      if (span) found.push(...findExpressions(text.slice(span.start, span.end), span.start));
    });
  }
  return found;
}
