import { isScalar } from 'yaml';
import { findExpressions, type TemplateExpression } from '../jinja/template';
import type { EnvironmentView } from '../rules/view';
import type { Span } from '../types';
import type { LineIndex } from '../text/lineIndex';
import type { FileModel } from '../workspace/fileModel';
import { forEachNode } from '../yaml/walk';
import { viewIndex } from './chainIndex';
import { iniSectionsOf } from './ini';
import { pathSegments, type SegmentSpan } from './target';
import { documentsOf } from '../workspace/documents';

/** One place that names an app, a stream, a group or a variable; `span` covers the name only (no quotes). */
export interface Occurrence {
  readonly file: FileModel;
  readonly span: Span;
  /** True for a place that defines the name (an entry key, a stream name, an inventory group, a variable key). */
  readonly definition: boolean;
  /**
   * For a `{{ }}` path segment written after a dot (`app.pgadmin4`): a new name that is not a Jinja identifier
   * must then be written `app['new-name']`, from the dot on.
   */
  readonly dotted?: { readonly dot: number };
}

/** The span of a key or scalar without its quotes, so that a rename keeps them. */
export function innerSpan(file: FileModel, span: Span): Span {
  const first = file.text[span.start];
  if ((first === '"' || first === "'") && span.end - span.start >= 2 && file.text[span.end - 1] === first) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

/** Keyed by the file's line index, which is made once per version of the text (the model object is kept). */
const templateCache = new WeakMap<LineIndex, readonly TemplateExpression[]>();

/** The `{{ }}` expressions of a file; vars files and inventories keep none in their model, so they are read here once. */
export function templatesOf(file: FileModel): readonly TemplateExpression[] {
  if (file.kind === 'proxy' || file.kind === 'routes') return file.templates;
  const cached = templateCache.get(file.lines);
  if (cached) return cached;
  const found: TemplateExpression[] = [];
  const ini = iniSectionsOf(file);
  if (ini.length) {
    for (const section of ini) {
      for (const item of section.items) {
        if (item.value && file.text.slice(item.value.start, item.value.end).includes('{{')) found.push(...findExpressions(file.text.slice(item.value.start, item.value.end), item.value.start));
      }
    }
  } else {
    for (const document of documentsOf(file)) {
      forEachNode(document.contents, (node) => {
        if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('{{') || !node.range) return;
        found.push(...findExpressions(file.text.slice(node.range[0], node.range[1]), node.range[0]));
      });
    }
  }
  templateCache.set(file.lines, found);
  return found;
}

/** The segments of a `{{ }}` path as written, with their spans. */
export function segmentsOf(file: FileModel, expression: TemplateExpression): SegmentSpan[] {
  return expression.pathSpan ? pathSegments(file.text, expression.pathSpan) : [];
}

/** Every place a variable path (or a longer path through it) is written in `{{ }}`, at the path's last segment. */
export function variableReferences(view: EnvironmentView, path: string): Occurrence[] {
  const wanted = path.split('.');
  const result: Occurrence[] = [];
  for (const file of view.files) {
    for (const expression of templatesOf(file)) {
      const segments = segmentsOf(file, expression);
      if (segments.length < wanted.length || !wanted.every((name, index) => segments[index]?.name === name)) continue;
      const segment = segments[wanted.length - 1];
      if (!segment) continue;
      const dotted = wanted.length > 1 && file.text[segment.span.start - 1] === '.';
      result.push({ file, span: segment.span, definition: false, ...(dotted ? { dotted: { dot: segment.span.start - 1 } } : {}) });
    }
  }
  return result;
}

/** With `from`, the definition that wins for the hosts reading that file comes first. */
export function variableDefinitions(view: EnvironmentView, path: string, from?: FileModel): Occurrence[] {
  return view.scope.lookup(path, from).map((definition) => ({ file: definition.file, span: innerSpan(definition.file, definition.fact.keySpan), definition: true }));
}

/** The definitions of the longest defined prefix of a path: `app.web` when `app.web.port` is not defined. */
export function deepestDefinitions(view: EnvironmentView, path: string, from?: FileModel): Occurrence[] {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const found = variableDefinitions(view, parts.slice(0, length).join('.'), from);
    if (found.length) return found;
  }
  return [];
}

/** The keys that declare an app: its Nginx routes, its HAProxy entries and its `app.<name>` variable. */
export function appDeclarations(view: EnvironmentView, app: string): Occurrence[] {
  const result: Occurrence[] = [];
  for (const at of viewIndex(view).routesByApp.get(app) ?? []) result.push({ file: at.file, span: innerSpan(at.file, at.entry.keySpan), definition: true });
  for (const { file, entry } of view.proxyEntries) if (entry.app === app) result.push({ file, span: innerSpan(file, entry.keySpan), definition: true });
  result.push(...variableDefinitions(view, `app.${app}`));
  return result;
}

export function appOccurrences(view: EnvironmentView, app: string): Occurrence[] {
  return [...appDeclarations(view, app), ...variableReferences(view, `app.${app}`)];
}

export function streamOccurrences(view: EnvironmentView, name: string): Occurrence[] {
  const result: Occurrence[] = [];
  for (const { file, entry } of view.routeEntries) {
    const stream = entry.stream?.name;
    if (stream?.value === name) result.push({ file, span: innerSpan(file, stream.span), definition: true });
    for (const pass of entry.proxyPasses) if (pass.upstream?.value === name) result.push({ file, span: pass.upstream.span, definition: false });
  }
  return result;
}

/** The inventory places that define a group: YAML keys, INI `[group]`, `[group:children]` and `[group:vars]` headers, and child lines. */
export function groupDefinitions(view: EnvironmentView, name: string): Occurrence[] {
  const result: Occurrence[] = [];
  const seen = new Set<string>();
  const add = (file: FileModel, span: Span): void => {
    const key = `${file.path}:${span.start}`;
    if (span.end <= span.start || seen.has(key)) return;
    seen.add(key);
    result.push({ file, span: innerSpan(file, span), definition: true });
  };
  for (const place of view.groups.get(name) ?? []) add(place.file, place.span);
  for (const file of view.inventories) {
    for (const section of iniSectionsOf(file)) {
      if (section.name === name) add(file, section.nameSpan);
      if (section.kind === 'children') for (const item of section.items) if (item.name === name) add(file, item.span);
    }
  }
  return result;
}

/** Where the files name a group: `stream.group`, `destination.group.name` and `proxies.target.group`. */
export function groupUses(view: EnvironmentView, name: string): Occurrence[] {
  const result: Occurrence[] = [];
  for (const { file, entry } of view.routeEntries) if (entry.stream?.group?.value === name) result.push({ file, span: innerSpan(file, entry.stream.group.span), definition: false });
  for (const { file, entry } of view.proxyEntries) if (entry.destinationGroup?.value === name) result.push({ file, span: innerSpan(file, entry.destinationGroup.span), definition: false });
  for (const file of view.proxyFiles) {
    const target = file.proxy?.targetGroup;
    if (target?.value === name) result.push({ file, span: innerSpan(file, target.span), definition: false });
  }
  return result;
}

export function groupOccurrences(view: EnvironmentView, name: string): Occurrence[] {
  return [...groupDefinitions(view, name), ...groupUses(view, name)];
}
