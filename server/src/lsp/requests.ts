import type {
  CodeActionParams,
  CodeLensParams,
  CompletionParams,
  DefinitionParams,
  DocumentSymbolParams,
  HoverParams,
  PrepareRenameParams,
  ReferenceParams,
  RenameParams,
  WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { nextFreeNodePort } from '../core/workspace/ports';
import { chartsOf } from '../core/edit/chartScaffold';
import { environmentName } from '../core/workspace/classify';
import { toLspCodeAction, toLspCompletion, toLspDiagnostic, toLspDocumentSymbol, toLspEdit, toLspLocation, toLspSymbolKind } from './convert';
import type { Folder, Folders } from './folders';
import type { OpenDocuments } from './outbox';
import type { ExposuresParams, ExposuresResult, ScaffoldDefaults } from './protocol';
import type { Scheduler } from './scheduler';
import { pathOf, uriOf } from './uri';

interface At {
  readonly folder: Folder;
  readonly path: string;
}

/** The answers to the editor's requests, from the language service of the file's folder. */
export class Requests {
  constructor(
    private readonly folders: Folders,
    private readonly documents: OpenDocuments,
    private readonly scheduler: Scheduler,
  ) {}

  private at(uri: string): At | undefined {
    const path = pathOf(uri);
    const folder = path ? this.folders.of(path) : undefined;
    if (!path || !folder) return undefined;
    // A request may arrive before the scheduled re-check: bring the index up to date first.
    if (this.scheduler.isPending(path)) this.scheduler.flush();
    return { folder, path };
  }

  private readonly versionOf = (uri: string): number | null => this.documents.get(uri)?.version ?? null;

  hover(params: HoverParams) {
    const target = this.at(params.textDocument.uri);
    const result = target?.folder.service.hover(target.path, params.position);
    return result ? { contents: { kind: 'markdown' as const, value: result.markdown }, ...(result.range ? { range: result.range } : {}) } : null;
  }

  definition(params: DefinitionParams) {
    const target = this.at(params.textDocument.uri);
    return target ? target.folder.service.definition(target.path, params.position).map(toLspLocation) : [];
  }

  references(params: ReferenceParams) {
    const target = this.at(params.textDocument.uri);
    return target ? target.folder.service.references(target.path, params.position, params.context.includeDeclaration).map(toLspLocation) : [];
  }

  prepareRename(params: PrepareRenameParams) {
    const target = this.at(params.textDocument.uri);
    return target?.folder.service.prepareRename(target.path, params.position) ?? null;
  }

  rename(params: RenameParams) {
    const target = this.at(params.textDocument.uri);
    if (!target) return null;
    try {
      const edit = target.folder.service.rename(target.path, params.position, params.newName);
      return edit ? toLspEdit(edit, this.versionOf) : null;
    } catch (error) {
      return new ResponseError(ErrorCodes.InvalidParams, error instanceof Error ? error.message : String(error));
    }
  }

  completion(params: CompletionParams) {
    const target = this.at(params.textDocument.uri);
    return target ? { isIncomplete: false, items: target.folder.service.completion(target.path, params.position).map(toLspCompletion) } : null;
  }

  codeAction(params: CodeActionParams) {
    const target = this.at(params.textDocument.uri);
    if (!target) return [];
    const diagnostics = target.folder.workspace.diagnostics(target.path);
    return target.folder.service.codeActions(target.path, params.range, diagnostics).map((entry) => {
      const lsp = entry.diagnostic ? toLspDiagnostic(entry.diagnostic) : undefined;
      return toLspCodeAction(entry, this.versionOf, lsp);
    });
  }

  codeLens(params: CodeLensParams) {
    const target = this.at(params.textDocument.uri);
    if (!target) return [];
    return target.folder.service.codeLenses(target.path).map((lens) => ({
      range: lens.range,
      command: lens.locations.length
        ? { title: lens.title, command: 'kubeExpose.showLocations', arguments: [params.textDocument.uri, lens.range.start, lens.locations.map(toLspLocation)] }
        : { title: lens.title, command: '' },
    }));
  }

  documentSymbol(params: DocumentSymbolParams) {
    const target = this.at(params.textDocument.uri);
    return target ? target.folder.service.documentSymbols(target.path).map(toLspDocumentSymbol) : [];
  }

  workspaceSymbol(params: WorkspaceSymbolParams) {
    return this.folders.all().flatMap((folder) =>
      folder.service.workspaceSymbols(params.query).map((entry) => ({
        name: entry.name,
        kind: toLspSymbolKind(entry.kind),
        location: toLspLocation(entry.location),
        ...(entry.container ? { containerName: entry.container } : {}),
      })),
    );
  }

  scaffoldDefaults(): ScaffoldDefaults {
    const folder = this.folders.all()[0];
    const environments = this.folders.all().flatMap((candidate) => candidate.workspace.environmentNames().map((id) => ({ id, name: environmentName(id), folder: uriOf(candidate.root) })));
    const nodePort = folder ? nextFreeNodePort(folder.workspace) : undefined;
    const charts = this.folders.all().flatMap((candidate) => chartsOf(candidate.workspace).map((chart) => ({ ...chart, folder: uriOf(candidate.root) })));
    return { environments, charts, ...(folder ? { servicePath: folder.workspace.currentSettings().scaffoldServicePath } : {}), ...(nodePort === undefined ? {} : { nodePort }) };
  }

  exposures(params: ExposuresParams): ExposuresResult {
    this.scheduler.flush();
    if (params.env === undefined) {
      return { environments: this.folders.all().flatMap((folder) => folder.service.exposureEnvironments().map((environment) => ({ ...environment, folder: uriOf(folder.root) }))) };
    }
    const folderPath = params.folder ? pathOf(params.folder) : undefined;
    const folder = folderPath ? this.folders.all().find((candidate) => candidate.root === folderPath) : this.folders.all()[0];
    if (!folder) return params.app === undefined ? { apps: [] } : { hops: [] };
    if (params.app === undefined) return { apps: folder.service.exposureApps(params.env).map((app) => ({ ...app, folder: uriOf(folder.root) })) };
    return { hops: folder.service.exposureHops(params.env, params.app).map(({ location, ...hop }) => ({ ...hop, uri: uriOf(location.file), range: location.range })) };
  }
}
