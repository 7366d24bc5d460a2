import { isScalar, type Document } from 'yaml';
import type { SourceText } from '../text/source';
import { findExpressions, type TemplateExpression } from '../jinja/template';
import { SCHEMAS } from '../schema/schemas';
import { validateNode } from '../schema/validate';
import { spanOf } from '../yaml/nodes';
import { forEachNode } from '../yaml/walk';
import type { LocalProblem } from '../model/files';

/** Schema problems of one document; an entry of a large file is validated once (see blockFacts.ts). */
export function validate(document: Document.Parsed, schema: keyof typeof SCHEMAS, problems: LocalProblem[]): void {
  // A document that failed to parse would only add noise on top of its syntax error.
  if (document.errors.length > 0 || document.contents === null) return;
  const contents = document.contents;
  const rootSpan = spanOf(contents);
  const holder = rootSpan ? { start: rootSpan.start, end: rootSpan.start } : undefined;
  for (const problem of validateNode(contents, SCHEMAS[schema], SCHEMAS[schema], holder)) problems.push({ code: 'schema', span: problem.span, message: problem.message });
}

export function templatesOf(documents: readonly Document.Parsed[], text: SourceText): TemplateExpression[] {
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
