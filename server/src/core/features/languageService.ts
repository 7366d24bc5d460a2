import type { Diagnostic, Position, Range } from '../types';
import type { Workspace } from '../workspace/workspace';
import { codeActions } from './codeActions';
import { codeLenses } from './codeLens';
import { completion } from './completion';
import { definition } from './definition';
import { exposureApps, exposureEnvironments, exposureHops, type ExposureApp, type ExposureEnvironment, type ExposureHop } from './exposures';
import { hover } from './hover';
import { prepareRename, references, rename } from './references';
import { documentSymbols, workspaceSymbols } from './symbols';
import type { CodeActionEntry, CodeLensEntry, CompletionEntry, HoverResult, Location, SymbolEntry, WorkspaceEdit, WorkspaceSymbolEntry } from './types';

/**
 * The editor features of one workspace folder, as plain functions of a file and a position.
 * `text` is the document's current text when the editor has it open (it may be ahead of the index).
 */
export class LanguageService {
  constructor(readonly workspace: Workspace) {}

  hover(path: string, position: Position): HoverResult | undefined {
    return hover(this.workspace, path, position);
  }

  definition(path: string, position: Position): Location[] {
    return definition(this.workspace, path, position);
  }

  references(path: string, position: Position, includeDeclaration: boolean): Location[] {
    return references(this.workspace, path, position, includeDeclaration);
  }

  prepareRename(path: string, position: Position): { range: Range; placeholder: string } | undefined {
    return prepareRename(this.workspace, path, position);
  }

  /** Throws an Error whose message is shown to the user when the new name is not acceptable. */
  rename(path: string, position: Position, newName: string): WorkspaceEdit | undefined {
    return rename(this.workspace, path, position, newName);
  }

  completion(path: string, position: Position): CompletionEntry[] {
    return completion(this.workspace, path, position);
  }

  codeActions(path: string, range: Range, diagnostics: readonly Diagnostic[]): CodeActionEntry[] {
    return codeActions(this.workspace, path, range, diagnostics);
  }

  codeLenses(path: string): CodeLensEntry[] {
    return codeLenses(this.workspace, path);
  }

  documentSymbols(path: string): SymbolEntry[] {
    return documentSymbols(this.workspace, path);
  }

  workspaceSymbols(query: string): WorkspaceSymbolEntry[] {
    return workspaceSymbols(this.workspace, query);
  }

  /** The Exposures view, one level at a time: environments, the apps of one, the hops of one app. */
  exposureEnvironments(): ExposureEnvironment[] {
    return exposureEnvironments(this.workspace);
  }

  exposureApps(env: string): ExposureApp[] {
    return exposureApps(this.workspace, env);
  }

  exposureHops(env: string, app: string): ExposureHop[] {
    return exposureHops(this.workspace, env, app);
  }
}
