import { isScalar, type Document, type Scalar } from 'yaml';
import type { SourceText } from '../text/source';
import { findExpressions, type TemplateExpression } from '../jinja/template';
import { SCHEMAS } from '../schema/schemas';
import { validateNode } from '../schema/validate';
import { spanOf } from '../yaml/nodes';
import { forEachNode } from '../yaml/walk';
import { yaml11Reading } from '../yaml/yaml11';
import type { LocalProblem } from '../model/files';

/** Schema problems of one document; an entry of a large file is validated once (see blockFacts.ts). */
export function validate(document: Document.Parsed, schema: keyof typeof SCHEMAS, problems: LocalProblem[], node: unknown = document.contents): void {
  // A document that failed to parse would only add noise on top of its syntax error.
  if (document.errors.length > 0 || document.contents === null) return;
  const contents = node;
  const rootSpan = spanOf(contents as never);
  const holder = rootSpan ? { start: rootSpan.start, end: rootSpan.start } : undefined;
  for (const problem of validateNode(contents, SCHEMAS[schema], SCHEMAS[schema], holder)) problems.push({ code: 'schema', span: problem.span, message: problem.message, ...(problem.missing ? { missing: problem.missing } : {}) });
}

/**
 * A plain value that Ansible's YAML 1.1 loader reads otherwise than YAML 1.2 (`030165` is octal to Ansible): a
 * `schema` warning, since the file is valid either way. The facts already carry Ansible's reading.
 */
export function yaml11Problems(documents: readonly Document.Parsed[], problems: LocalProblem[]): void {
  scalarChecks(documents, undefined, problems);
}

/** The Jinja expressions in the documents' string values, and their YAML 1.1 notes (see yaml11Problems): one walk. */
export function templatesAndYaml11Problems(documents: readonly Document.Parsed[], text: SourceText, problems: LocalProblem[]): TemplateExpression[] {
  const found: TemplateExpression[] = [];
  scalarChecks(documents, { text, found }, problems);
  return found;
}

function scalarChecks(documents: readonly Document.Parsed[], templates: { readonly text: SourceText; readonly found: TemplateExpression[] } | undefined, problems: LocalProblem[]): void {
  for (const document of documents) {
    // A document that failed to parse gets no notes on top of its syntax error; its templates are still found.
    const notes = document.errors.length === 0;
    if (!notes && !templates) continue;
    forEachNode(document.contents, (node) => {
      if (!isScalar(node)) return;
      if (notes) yaml11Note(node, problems);
      if (templates && typeof node.value === 'string' && node.value.includes('{{')) {
        const span = spanOf(node);
        if (span) templates.found.push(...findExpressions(templates.text.slice(span.start, span.end), span.start));
      }
    });
  }
}

function yaml11Note(node: Scalar, problems: LocalProblem[]): void {
  const reading = yaml11Reading(node);
  const span = reading && spanOf(node);
  if (!reading || !span) return;
  const advice = typeof reading.value === 'number' ? `write ${reading.value}, or quote the value to keep its digits as text` : 'quote it if text is meant, or write the number Ansible should see';
  problems.push({ code: 'schema', severity: 'warning', span, message: `${reading.why}; ${advice}.` });
}
