import { isScalar, type Document } from 'yaml';
import { forEachNode } from '../yaml/walk';
import { findExpressions, type TemplateExpression } from '../jinja/template';
import type { InventoryFacts, ProxyFacts, RoutesFacts, ServiceFact, VariableFact } from '../model/facts';
import { readIniInventory, readYamlInventory } from '../model/inventory';
import { readProxy } from '../model/proxy';
import { readRoutes } from '../model/routes';
import { isServiceDocument, readService } from '../model/service';
import { readVariables } from '../model/variables';
import { SCHEMAS } from '../schema/schemas';
import { validateNode } from '../schema/validate';
import type { Settings } from '../settings';
import { LineIndex } from '../text/lineIndex';
import type { DiagnosticCode, Span } from '../types';
import type { Block } from '../yaml/blocks';
import { parseYaml, parseYamlIncrementally } from '../yaml/parse';
import { spanOf } from '../yaml/nodes';
import { perDocument } from '../yaml/perDocument';
import type { FileKind } from './classify';

/** A problem found in one file alone; cross-file problems come from the rules. */
export interface LocalProblem {
  readonly code: DiagnosticCode;
  readonly span: Span;
  readonly message: string;
}

export interface FileModel {
  readonly path: string;
  readonly relativePath: string;
  readonly kind: FileKind;
  readonly env: string | undefined;
  readonly text: string;
  readonly lines: LineIndex;
  readonly documents: readonly Document.Parsed[];
  readonly problems: readonly LocalProblem[];
  readonly services: readonly ServiceFact[];
  readonly proxy?: ProxyFacts;
  readonly routes?: RoutesFacts;
  readonly variables: readonly VariableFact[];
  readonly inventory?: InventoryFacts;
  readonly templates: readonly TemplateExpression[];
  /** The entries parsed one by one, for the next version of the file to reuse. */
  readonly blocks?: readonly Block[];
}

export interface FileInput {
  readonly path: string;
  readonly relativePath: string;
  readonly kind: FileKind;
  readonly env: string | undefined;
  readonly text: string;
  /** Set when the file could not be read as text (binary, not UTF-8, unreadable). */
  readonly skipReason?: string;
}

const JINJA_BLOCK = /^\s*\{%/m;
/** Garbage input can yield an error per character: past this many, one line says how many more there are. */
const MAX_SYNTAX_PROBLEMS = 50;

function syntaxProblems(found: readonly { span: Span; message: string }[]): LocalProblem[] {
  const problems: LocalProblem[] = found.slice(0, MAX_SYNTAX_PROBLEMS).map((problem) => ({ code: 'yaml-syntax', span: problem.span, message: readable(problem.message) }));
  const last = found[found.length - 1];
  if (found.length > MAX_SYNTAX_PROBLEMS && last) problems.push({ code: 'yaml-syntax', span: last.span, message: `${found.length - MAX_SYNTAX_PROBLEMS} more YAML errors in this file are not shown.` });
  return problems;
}

function readable(message: string): string {
  return /maximum call stack/i.test(message) ? 'The YAML nests too deeply to be read.' : message;
}

const SERVICE_HINT = /^\s*kind:\s*["']?Service["']?\s*(?:#.*)?$/m;

/** Whether a file matched only by the Kubernetes globs is worth parsing: it must declare a Service. */
export function mayHoldService(text: string): boolean {
  return SERVICE_HINT.test(text);
}

export function buildFileModel(input: FileInput, settings: Settings, previous?: FileModel): FileModel {
  const text = input.text;
  const base = { ...input, lines: new LineIndex(text) };
  const empty = { documents: [], services: [], variables: [], templates: [] };
  if (input.skipReason !== undefined) return { ...base, ...empty, problems: [skipped(input.skipReason)] };
  if (text.length > settings.maxFileSize) {
    return { ...base, ...empty, problems: [skipped(`the file is larger than kubeExpose.maxFileSize (${text.length} > ${settings.maxFileSize} bytes)`)] };
  }
  if (input.kind === 'inventory' && !looksLikeYamlInventory(input.relativePath, text)) {
    return { ...base, ...empty, inventory: readIniInventory(text), problems: [] };
  }

  // Services are small, and inventories are not maps of independent entries.
  const parsed = input.kind === 'kubernetes' || input.kind === 'inventory' ? parseYaml(text) : parseYamlIncrementally(text, previous?.blocks);
  if (parsed.aliasCount > settings.maxAliasCount) {
    return { ...base, ...empty, problems: [skipped(`the file uses ${parsed.aliasCount} YAML aliases, more than kubeExpose.maxAliasCount (${settings.maxAliasCount})`)] };
  }
  if (parsed.problems.length > 0 && JINJA_BLOCK.test(text)) {
    return { ...base, ...empty, problems: [skipped('the file is a Jinja template ({% ... %} blocks), not YAML; Ansible renders it before reading it')] };
  }
  const problems: LocalProblem[] = syntaxProblems(parsed.problems);
  const documents = parsed.documents;
  const model = { ...base, documents, services: [] as ServiceFact[], variables: [] as VariableFact[], templates: [] as TemplateExpression[], problems, ...(parsed.blocks ? { blocks: parsed.blocks } : {}) };

  switch (input.kind) {
    case 'kubernetes': {
      for (const document of documents) {
        if (!isServiceDocument(document)) continue;
        model.services.push(readService(document));
        validate(document, 'service', problems);
      }
      return model;
    }
    case 'inventory':
      return { ...model, inventory: readYamlInventory(documents) };
    case 'vars':
      return { ...model, variables: readVariables(documents) };
    case 'proxy':
      for (const document of documents) validate(document, 'proxy', problems);
      return { ...model, proxy: readProxy(documents, text), templates: templatesOf(documents, text) };
    case 'routes':
      for (const document of documents) validate(document, 'routes', problems);
      return { ...model, routes: readRoutes(documents, text), templates: templatesOf(documents, text) };
  }
}

/**
 * Schema problems of an entry parsed earlier are kept with the entry's document: an edit elsewhere in a large
 * file re-validates nothing else. Ranges are stored relative to the document, which may move.
 */
const schemaCache = new WeakMap<Document.Parsed, { readonly schema: keyof typeof SCHEMAS; readonly start: number; readonly problems: readonly LocalProblem[] }>();

function validate(document: Document.Parsed, schema: keyof typeof SCHEMAS, problems: LocalProblem[]): void {
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

function templatesOf(documents: readonly Document.Parsed[], text: string): TemplateExpression[] {
  const found: TemplateExpression[] = [];
  for (const document of documents) {
    found.push(
      ...perDocument(document, 'templates', () => {
        const inDocument: TemplateExpression[] = [];
        forEachNode(document.contents, (node) => {
          if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('{{')) return;
          const span = spanOf(node);
          if (span) inDocument.push(...findExpressions(text.slice(span.start, span.end), span.start));
        });
        return inDocument;
      }),
    );
  }
  return found;
}

function looksLikeYamlInventory(relativePath: string, text: string): boolean {
  if (/\.(ya?ml)$/i.test(relativePath)) return true;
  if (/\.ini$/i.test(relativePath)) return false;
  // An extension-less `hosts` is INI unless its first meaningful line reads as YAML.
  const first = text.split(/\r?\n/).find((line) => line.trim() && !line.trim().startsWith('#'));
  return first !== undefined && /^[A-Za-z_][\w-]*:\s*$/.test(first) && !first.startsWith('[');
}

function skipped(reason: string): LocalProblem {
  return { code: 'file-skipped', span: { start: 0, end: 0 }, message: `Skipped: ${reason}.` };
}
