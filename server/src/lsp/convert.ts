import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type Location as LspLocation,
  type WorkspaceEdit as LspWorkspaceEdit,
  type TextDocumentEdit,
  type CreateFile,
} from 'vscode-languageserver';
import type { CodeActionEntry, CompletionEntry, Location, SymbolEntry, WorkspaceEdit, CompletionKind, SymbolKind as CoreSymbolKind } from '../core/features/types';
import type { Diagnostic, Severity } from '../core/types';
import { uriOf } from './uri';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(diagnostic: Diagnostic): LspDiagnostic {
  return {
    range: diagnostic.range,
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: 'kube-expose',
    message: diagnostic.message,
    ...(diagnostic.related ? { relatedInformation: diagnostic.related.map((related) => ({ location: { uri: uriOf(related.file), range: related.range }, message: related.message })) } : {}),
    ...(diagnostic.data ? { data: diagnostic.data } : {}),
  };
}

export function toLspLocation(location: Location): LspLocation {
  return { uri: uriOf(location.file), range: location.range };
}

export function toLspEdit(edit: WorkspaceEdit, versions: (uri: string) => number | null): LspWorkspaceEdit {
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  for (const created of edit.creates ?? []) {
    const uri = uriOf(created.file);
    documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: created.text }] });
  }
  for (const [file, edits] of Object.entries(edit.changes)) {
    const uri = uriOf(file);
    documentChanges.push({ textDocument: { uri, version: versions(uri) }, edits: [...edits] });
  }
  return { documentChanges };
}

export function toLspCodeAction(entry: CodeActionEntry, versions: (uri: string) => number | null, diagnostic?: LspDiagnostic): CodeAction {
  return {
    title: entry.title,
    kind: CodeActionKind.QuickFix,
    edit: toLspEdit(entry.edit, versions),
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    ...(entry.isPreferred ? { isPreferred: true } : {}),
  };
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  app: CompletionItemKind.Module,
  variable: CompletionItemKind.Variable,
  group: CompletionItemKind.Class,
  stream: CompletionItemKind.Reference,
  port: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
};

export function toLspCompletion(entry: CompletionEntry): CompletionItem {
  const insert = entry.insertText ?? entry.label;
  return {
    label: entry.label,
    kind: COMPLETION_KIND[entry.kind],
    ...(entry.detail ? { detail: entry.detail } : {}),
    ...(entry.documentation ? { documentation: { kind: 'markdown', value: entry.documentation } } : {}),
    ...(entry.range ? { textEdit: { range: entry.range, newText: insert } } : { insertText: insert }),
    ...(entry.isSnippet ? { insertTextFormat: 2 } : {}),
    ...(entry.filterText ? { filterText: entry.filterText } : {}),
    ...(entry.sortText ? { sortText: entry.sortText } : {}),
  };
}

const SYMBOL_KIND: Record<CoreSymbolKind, SymbolKind> = {
  app: SymbolKind.Module,
  service: SymbolKind.Interface,
  group: SymbolKind.Class,
  variable: SymbolKind.Variable,
  stream: SymbolKind.Event,
  location: SymbolKind.String,
  port: SymbolKind.Number,
  namespace: SymbolKind.Namespace,
  document: SymbolKind.File,
};

export function toLspSymbolKind(kind: CoreSymbolKind): SymbolKind {
  return SYMBOL_KIND[kind];
}

export function toLspDocumentSymbol(entry: SymbolEntry): DocumentSymbol {
  return {
    name: entry.name || ' ',
    kind: SYMBOL_KIND[entry.kind],
    range: entry.range,
    selectionRange: entry.selectionRange,
    ...(entry.detail ? { detail: entry.detail } : {}),
    ...(entry.children ? { children: entry.children.map(toLspDocumentSymbol) } : {}),
  };
}
