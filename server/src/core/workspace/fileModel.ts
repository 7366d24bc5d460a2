import type { Document } from 'yaml';
import type { TemplateExpression } from '../jinja/template';
import type { Located, ProxyEntryFact, RouteEntryFact, ServiceFact, VariableFact } from '../model/facts';
import { readIniInventory, readYamlInventory } from '../model/inventory';
import { chartNameOf, chartRoleOf, isHelmTemplate } from '../model/chart';
import { readHelmTemplate } from '../model/helmTemplate';
import { isKustomizationPath, mayHoldJsonPatch, readKustomization, readOperations } from '../model/kustomization';
import { readProxy } from '../model/proxy';
import { readRoutes } from '../model/routes';
import { readService, serviceNodesOf } from '../model/service';
import { readVariables } from '../model/variables';
import { settingName, type Settings } from '../settings';
import { changeBetween } from '../text/change';
import { LineIndex } from '../text/lineIndex';
import type { Span } from '../types';
import type { Block } from '../yaml/blocks';
import { documentsOfBlocks, parseYaml, parseYamlIncrementally } from '../yaml/parse';
import { factsOfBlock, type BlockFacts, type BlockKind } from './blockFacts';
import type { FileContent, FileInput, FileKind, FileModel, LocalProblem, ParseMode, PreparedFileModel } from '../model/files';
import { templatesAndYaml11Problems, validate, yaml11Problems } from './documentChecks';
import { blocksAtHand } from './documents';
import { copyLazyFacts, lazyKeys } from './lazyFacts';

export type { FileContent, FileInput, FileModel, LocalProblem, ParseMode, PreparedFileModel };

const JINJA_BLOCK = /^\s*\{%/m;
export const VAULT_HEADER = /^\s*\$ANSIBLE_VAULT;/;
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

// Block style at any depth (a List's `- kind: Service` too), and flow style (`{kind: Service, ...}`).
const SERVICE_HINT = /(?:^[\s-]*|[{,]\s*)["']?kind["']?\s*:\s*["']?Service(?:List)?(?![\w-])/m;

/** Whether a file matched only by the Kubernetes globs is worth parsing: it must declare a Service. */
export function mayHoldService(text: string): boolean {
  return SERVICE_HINT.test(text);
}

export function buildFileModel(input: FileInput, settings: Settings, previous?: FileModel): FileModel {
  const text = input.text;
  const change = previous ? changeBetween(previous.text, text) : undefined;
  const base = { ...input, lines: LineIndex.after(previous?.lines, text, change) };
  const empty = { documents: [], parse: 'none' as const, services: [], variables: [], templates: [] };
  if (input.skipReason !== undefined) return { ...base, ...empty, problems: [skipped(input.skipReason)] };
  if (text.length > settings.maxFileSize) {
    return { ...base, ...empty, problems: [skipped(`the file is larger than ${settingName(settings, 'maxFileSize')} (${text.length} > ${settings.maxFileSize} bytes)`)] };
  }
  if (VAULT_HEADER.test(text)) return { ...base, ...empty, encrypted: true, problems: [] };
  if (input.kind === 'kubernetes' && isHelmTemplate(input.relativePath, text)) {
    // A Go template is YAML only once rendered: read for its Services, never reported as YAML or schema problems.
    return { ...base, ...empty, problems: [], chart: { role: 'template', root: chartRoleOf(input.relativePath)?.root ?? '.', services: readHelmTemplate(text) } };
  }
  if (input.kind === 'inventory' && !looksLikeYamlInventory(input.relativePath, text)) {
    return { ...base, ...empty, inventory: readIniInventory(text), problems: [] };
  }

  const parse = parseModeOf(input.kind);
  const parsed = parse === 'whole' ? parseYaml(text) : parseYamlIncrementally(text, previous ? blocksAtHand(previous) : undefined, change);
  if (parsed.aliasCount > settings.maxAliasCount) {
    return { ...base, ...empty, problems: [skipped(`the file uses ${parsed.aliasCount} YAML aliases, more than ${settingName(settings, 'maxAliasCount')} (${settings.maxAliasCount})`)] };
  }
  if (parsed.problems.length > 0 && JINJA_BLOCK.test(text)) {
    return { ...base, ...empty, problems: [skipped('the file is a Jinja template ({% ... %} blocks), not YAML; Ansible renders it before reading it')] };
  }
  const problems: LocalProblem[] = syntaxProblems(parsed.problems);
  const blocks = parsed.blocks;
  if (blocks && input.kind !== 'kubernetes' && input.kind !== 'inventory') {
    const model: FileModel = { ...base, documents: [], parse, services: [], problems, blocks, ...fromBlocks(blocks, input.kind, problems) };
    // Reading the documents moves every block's nodes to where the block is now: only for a feature that asks.
    return Object.defineProperty(model, 'documents', { get: () => documentsOfBlocks(blocks), enumerable: true, configurable: true });
  }
  const documents = parsed.documents;
  if (input.kind === 'kubernetes') {
    // What a chart's or a kustomization's Services read: no Service of their own.
    const none = { services: [], variables: [], templates: [] };
    const role = chartRoleOf(input.relativePath);
    if (role?.role === 'chart') return { ...base, documents, parse, problems, ...none, chart: { role: 'chart', root: role.root, ...optionalName(chartNameOf(documents)) } };
    if (role?.role === 'values' && !mayHoldService(text)) {
      // One with `{{ }}` that does not parse is another tool's template (an Ansible role's), not a chart's values.
      if (parsed.problems.length > 0 && text.includes('{{')) return { ...base, documents, parse, problems: [], ...none, chart: { ...role } };
      return { ...base, documents, parse, problems, ...none, variables: readVariables(documents), chart: { ...role } };
    }
    if (isKustomizationPath(input.relativePath)) return { ...base, documents, parse, problems, ...none, kustomization: readKustomization(documents, text) };
  }
  return { ...base, documents, parse, problems, ...factsOfDocuments(input.kind, documents, text, problems) };
}

/** What a file's facts are read from its whole documents; schema problems are added to `problems`. */
export type DocumentFacts = Pick<FileModel, 'services' | 'variables' | 'templates' | 'proxy' | 'routes' | 'inventory' | 'operations'>;

/**
 * The facts of a file of `kind` read from its whole documents, however they were parsed: by the `yaml` package
 * here, or by the fast reader of a cold index (core/fast), which must give the same nodes.
 */
export function factsOfDocuments(kind: FileKind, documents: readonly Document.Parsed[], text: string, problems: LocalProblem[]): DocumentFacts {
  const none = { services: [] as ServiceFact[], variables: [] as VariableFact[], templates: [] as TemplateExpression[] };
  switch (kind) {
    case 'kubernetes': {
      const operations = mayHoldJsonPatch(text) ? documents.flatMap((document) => readOperations(document.contents)) : [];
      for (const document of documents) {
        for (const { node, implicit } of serviceNodesOf(document)) {
          none.services.push(readService(node));
          const found: LocalProblem[] = [];
          validate(document, 'service', found, node);
          // A ServiceList's items carry no kind or apiVersion of their own: the list's stand for them.
          for (const problem of found) if (!(implicit && problem.missing && /"(kind|apiVersion)"/.test(problem.message))) problems.push(problem);
        }
      }
      return operations.length ? { ...none, operations } : none;
    }
    case 'inventory':
      return { ...none, inventory: readYamlInventory(documents) };
    case 'vars':
      yaml11Problems(documents, problems);
      return { ...none, variables: readVariables(documents) };
    case 'proxy': {
      for (const document of documents) validate(document, 'proxy', problems);
      const templates = templatesAndYaml11Problems(documents, text, problems);
      return { ...none, proxy: readProxy(documents, text), templates };
    }
    case 'routes': {
      for (const document of documents) validate(document, 'routes', problems);
      const templates = templatesAndYaml11Problems(documents, text, problems);
      return { ...none, routes: readRoutes(documents, text), templates };
    }
  }
}

/** The model's facts gathered entry by entry, each entry's read once and kept (and moved) while its text does not change. */
function fromBlocks(blocks: readonly Block[], kind: BlockKind, problems: LocalProblem[]): Pick<FileModel, 'variables' | 'templates' | 'proxy' | 'routes'> {
  return joinedFacts(
    blocks.map((block) => factsOfBlock(block, kind)),
    kind,
    problems,
  );
}

/** The facts of a file's entries, in their order, as the file's; their problems are added to `problems`. */
export function joinedFacts(parts: readonly BlockFacts[], kind: BlockKind, problems: LocalProblem[]): Pick<FileModel, 'variables' | 'templates' | 'proxy' | 'routes'> {
  const routes: RouteEntryFact[] = [];
  const proxy: ProxyEntryFact[] = [];
  const variables: VariableFact[] = [];
  const templates: TemplateExpression[] = [];
  let targetGroup: Located<string> | undefined;
  for (const facts of parts) {
    for (const entry of facts.routes) routes.push(entry);
    for (const entry of facts.proxy) proxy.push(entry);
    for (const variable of facts.variables) variables.push(variable);
    for (const template of facts.templates) templates.push(template);
    for (const problem of facts.schema) problems.push(problem);
    targetGroup ??= facts.targetGroup;
  }
  if (kind === 'routes') return { variables, templates, routes: { entries: routes } };
  if (kind === 'proxy') return { variables, templates, proxy: { entries: proxy, ...(targetGroup ? { targetGroup } : {}) } };
  return { variables, templates };
}

/** Services are small, and inventories are not maps of independent entries. */
export function parseModeOf(kind: FileKind): 'whole' | 'entries' {
  return kind === 'kubernetes' || kind === 'inventory' ? 'whole' : 'entries';
}

/**
 * The model without what cannot cross to another thread, or is cheaper to rebuild than to copy; with `text`, of a
 * model kept without its text (the model cache's).
 */
export function prepared(model: Omit<PreparedFileModel, 'text'> & { readonly text?: string }, text = model.text ?? ''): PreparedFileModel {
  // A lazy model's largest facts are copied as getters: reading them here would parse them.
  const lazy = lazyKeys(model);
  const fields: PreparedFileModel = {
    path: model.path,
    relativePath: model.relativePath,
    kind: model.kind,
    env: model.env,
    text,
    parse: model.parse,
    problems: model.problems,
    services: model.services,
    proxy: lazy?.includes('proxy') ? undefined : model.proxy,
    routes: lazy?.includes('routes') ? undefined : model.routes,
    variables: model.variables,
    inventory: model.inventory,
    templates: lazy?.includes('templates') ? [] : model.templates,
    ...(model.encrypted ? { encrypted: true } : {}),
    chart: model.chart,
    kustomization: model.kustomization,
    operations: model.operations,
  };
  return lazy ? copyLazyFacts(model, fields) : fields;
}

function optionalName(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
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

/** The model with every field present, in one order, so that a new version can be copied over an old one. */
export function completeModel(model: FileModel): FileModel {
  const complete: FileModel = { ...prepared(model), lines: EMPTY_LINES, documents: [], blocks: model.blocks };
  // Descriptors, not values: reading a lazy `documents` (see buildFileModel) would move every entry's nodes, and a
  // lazy `lines` (see linesWhenAsked) would index a file no one looks at.
  for (const key of ['documents', 'lines'] as const) Object.defineProperty(complete, key, Object.getOwnPropertyDescriptor(model, key) ?? { value: undefined, enumerable: true, writable: true, configurable: true });
  return complete;
}

const EMPTY_LINES = new LineIndex('');

/**
 * A model built elsewhere (a worker, the cache) as completeModel makes it, in one object: a warm start stages
 * thousands. Its line index is built when first read: of thousands of files indexed, the few with a diagnostic or
 * a request need one. Its documents are parsed when asked (see documentsOf).
 */
export function completePrepared(model: PreparedFileModel): FileModel {
  let lines: LineIndex | undefined;
  const { text } = model;
  // Not spread into a literal: on a fresh process that measured three times slower for 9,560 models.
  const complete = prepared(model) as PreparedFileModel & { documents?: undefined; blocks?: undefined };
  Object.defineProperty(complete, 'lines', { get: () => (lines ??= new LineIndex(text)), enumerable: true, configurable: true });
  complete.documents = undefined;
  complete.blocks = undefined;
  return complete as FileModel;
}

/** Whether a file is staged again with the text it has, and was not skipped (a skipped file is read again). */
export function unchanged(previous: FileModel | undefined, text: string): boolean {
  return previous !== undefined && previous.text === text && !previous.problems.some((problem) => problem.code === 'file-skipped');
}
