import { isScalar, type Document } from 'yaml';
import { findExpressions, type TemplateExpression } from '../jinja/template';
import { SCHEMAS } from '../schema/schemas';
import { validateNode } from '../schema/validate';
import { spanOf } from '../yaml/nodes';
import { perDocument } from '../yaml/perDocument';
import { forEachNode } from '../yaml/walk';
import type { LocalProblem } from './fileModel';

/**
 * Schema problems and templates of an entry parsed earlier are kept with the entry's document (and moved with
 * it): an edit elsewhere in a large file re-validates and re-reads nothing else.
 */
export function validate(document: Document.Parsed, schema: keyof typeof SCHEMAS, problems: LocalProblem[]): void {
  // A document that failed to parse would only add noise on top of its syntax error.
  if (document.errors.length > 0 || document.contents === null) return;
  const contents = document.contents;
  const found = perDocument(document, `schema:${schema}`, (): LocalProblem[] => {
    const rootSpan = spanOf(contents);
    const holder = rootSpan ? { start: rootSpan.start, end: rootSpan.start } : undefined;
    return validateNode(contents, SCHEMAS[schema], SCHEMAS[schema], holder).map((problem) => ({ code: 'schema', span: problem.span, message: problem.message }));
  });
  problems.push(...found);
}

export function templatesOf(documents: readonly Document.Parsed[], text: string): TemplateExpression[] {
  const found: TemplateExpression[] = [];
  for (const document of documents) {
    const inDocument = perDocument(document, 'templates', () => {
      const expressions: TemplateExpression[] = [];
      forEachNode(document.contents, (node) => {
        if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('{{')) return;
        const span = spanOf(node);
        if (span) expressions.push(...findExpressions(text.slice(span.start, span.end), span.start));
      });
      return expressions;
    });
    found.push(...inDocument);
  }
  return found;
}
