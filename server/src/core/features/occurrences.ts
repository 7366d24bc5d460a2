import { isScalar } from 'yaml';
import { findExpressions, type TemplateExpression } from '../jinja/template';
import type { EnvironmentView } from '../rules/view';
import type { Span } from '../types';
import type { FileModel } from '../workspace/fileModel';
import { forEachNode } from '../yaml/walk';
import { pathSegments } from './target';

export interface Occurrence {
  readonly file: FileModel;
  readonly span: Span;
  /** True for the place that defines the name (a key, a stream name, an inventory group). */
  readonly definition: boolean;
}

/** The `{{ }}` expressions of a file; vars files keep none in their model, so they are read here. */
function templatesIn(file: FileModel): readonly TemplateExpression[] {
  if (file.kind === 'proxy' || file.kind === 'routes') return file.templates;
  const found: TemplateExpression[] = [];
  for (const document of file.documents) {
    forEachNode(document.contents, (node) => {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('{{') || !node.range) return;
      found.push(...findExpressions(file.text.slice(node.range[0], node.range[1]), node.range[0]));
    });
  }
  return found;
}

/** The span of a key without its quotes, so that a rename keeps them. */
export function innerSpan(file: FileModel, span: Span): Span {
  const first = file.text[span.start];
  if ((first === '"' || first === "'") && file.text[span.end - 1] === first && span.end - span.start >= 2) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

/** Every place a variable path (or a longer path through it) is written in `{{ }}`, at its last segment. */
export function variableReferences(view: EnvironmentView, path: string): Occurrence[] {
  const wanted = path.split('.');
  const result: Occurrence[] = [];
  for (const file of view.files) {
    for (const expression of templatesIn(file)) {
      if (!expression.pathSpan) continue;
      const segments = pathSegments(file.text, expression.pathSpan);
      if (segments.length < wanted.length) continue;
      if (!wanted.every((name, index) => segments[index]?.name === name)) continue;
      const segment = segments[wanted.length - 1];
      if (segment) result.push({ file, span: segment.span, definition: false });
    }
  }
  return result;
}

export function variableDefinitions(view: EnvironmentView, path: string): Occurrence[] {
  return view.scope.lookup(path).map((definition) => ({ file: definition.file, span: innerSpan(definition.file, definition.fact.keySpan), definition: true }));
}

export function appOccurrences(view: EnvironmentView, app: string): Occurrence[] {
  const result: Occurrence[] = [];
  for (const { file, entry } of view.routeEntries) if (entry.app === app) result.push({ file, span: innerSpan(file, entry.keySpan), definition: true });
  for (const { file, entry } of view.proxyEntries) if (entry.app === app) result.push({ file, span: innerSpan(file, entry.keySpan), definition: true });
  result.push(...variableDefinitions(view, `app.${app}`));
  result.push(...variableReferences(view, `app.${app}`));
  return result;
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

export function groupOccurrences(view: EnvironmentView, name: string): Occurrence[] {
  const result: Occurrence[] = (view.groups.get(name) ?? []).filter((place) => place.span.end > place.span.start).map((place) => ({ file: place.file, span: innerSpan(place.file, place.span), definition: true }));
  for (const { file, entry } of view.routeEntries) if (entry.stream?.group?.value === name) result.push({ file, span: innerSpan(file, entry.stream.group.span), definition: false });
  for (const { file, entry } of view.proxyEntries) if (entry.destinationGroup?.value === name) result.push({ file, span: innerSpan(file, entry.destinationGroup.span), definition: false });
  for (const file of view.proxyFiles) {
    const target = file.proxy?.targetGroup;
    if (target?.value === name) result.push({ file, span: innerSpan(file, target.span), definition: false });
  }
  return result;
}
