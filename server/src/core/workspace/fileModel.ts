import type { TemplateExpression } from '../jinja/template';
import type { Located, ProxyEntryFact, RouteEntryFact, ServiceFact, VariableFact } from '../model/facts';
import { readIniInventory, readYamlInventory } from '../model/inventory';
import { readProxy } from '../model/proxy';
import { readRoutes } from '../model/routes';
import { isServiceDocument, readService } from '../model/service';
import { readVariables } from '../model/variables';
import { settingName, type Settings } from '../settings';
import { changeBetween } from '../text/change';
import { LineIndex } from '../text/lineIndex';
import type { Span } from '../types';
import type { Block } from '../yaml/blocks';
import { documentsOfBlocks, parseYaml, parseYamlIncrementally } from '../yaml/parse';
import { factsOfBlock, type BlockKind } from './blockFacts';
import type { FileContent, FileInput, FileKind, FileModel, LocalProblem, ParseMode, PreparedFileModel } from '../model/files';
import { templatesOf, validate } from './documentChecks';
import { blocksAtHand } from './documents';

export type { FileContent, FileInput, FileModel, LocalProblem, ParseMode, PreparedFileModel };

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
  const change = previous ? changeBetween(previous.text, text) : undefined;
  const base = { ...input, lines: LineIndex.after(previous?.lines, text, change) };
  const empty = { documents: [], parse: 'none' as const, services: [], variables: [], templates: [] };
  if (input.skipReason !== undefined) return { ...base, ...empty, problems: [skipped(input.skipReason)] };
  if (text.length > settings.maxFileSize) {
    return { ...base, ...empty, problems: [skipped(`the file is larger than ${settingName(settings, 'maxFileSize')} (${text.length} > ${settings.maxFileSize} bytes)`)] };
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
  const model = { ...base, documents, parse, services: [] as ServiceFact[], variables: [] as VariableFact[], templates: [] as TemplateExpression[], problems };

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

/** The model's facts gathered entry by entry, each entry's read once and kept (and moved) while its text does not change. */
function fromBlocks(blocks: readonly Block[], kind: BlockKind, problems: LocalProblem[]): Pick<FileModel, 'variables' | 'templates' | 'proxy' | 'routes'> {
  const routes: RouteEntryFact[] = [];
  const proxy: ProxyEntryFact[] = [];
  const variables: VariableFact[] = [];
  const templates: TemplateExpression[] = [];
  let targetGroup: Located<string> | undefined;
  for (const block of blocks) {
    const facts = factsOfBlock(block, kind);
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

/** The model without what cannot cross to another thread, or is cheaper to rebuild than to copy. */
export function prepared(model: FileModel): PreparedFileModel {
  return {
    path: model.path,
    relativePath: model.relativePath,
    kind: model.kind,
    env: model.env,
    text: model.text,
    parse: model.parse,
    problems: model.problems,
    services: model.services,
    proxy: model.proxy,
    routes: model.routes,
    variables: model.variables,
    inventory: model.inventory,
    templates: model.templates,
  };
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
