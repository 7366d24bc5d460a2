import { ErrorCodes, ResponseError, type ApplyWorkspaceEditParams, type ApplyWorkspaceEditResult, type ExecuteCommandParams } from 'vscode-languageserver/node';
import { scaffold, ScaffoldError } from '../core/edit/scaffold';
import { environmentName } from '../core/workspace/classify';
import { toLspEdit } from './convert';
import type { Folders } from './folders';
import type { OpenDocuments, Outbox } from './outbox';
import { SCAFFOLD_COMMAND } from './protocol';
import { readScaffoldArguments } from './scaffoldArguments';
import type { Scheduler } from './scheduler';
import { pathOf, uriOf } from './uri';

/** Exposes a new app: computes the edit in the core, then asks the editor to apply it as one undoable edit. */
export async function executeScaffold(
  params: ExecuteCommandParams,
  context: {
    readonly folders: Folders;
    readonly documents: OpenDocuments;
    readonly scheduler: Scheduler;
    readonly outbox: Outbox;
    readonly applyEdit: (params: ApplyWorkspaceEditParams) => Promise<ApplyWorkspaceEditResult>;
  },
): Promise<unknown> {
  const { folders, documents, scheduler, outbox } = context;
  if (params.command !== SCAFFOLD_COMMAND) return new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${params.command}`);
  const input = readScaffoldArguments(params.arguments?.[0]);
  if (typeof input === 'string') return new ResponseError(ErrorCodes.InvalidParams, input);
  const folderPath = input.folder ? pathOf(input.folder) : undefined;
  const folder = (folderPath ? folders.of(folderPath) : undefined) ?? folders.all().find((candidate) => candidate.workspace.environmentNames().some((id) => id === input.options.env || environmentName(id) === input.options.env));
  if (!folder) return new ResponseError(ErrorCodes.InvalidParams, `No workspace folder has an environment ${input.options.env}.`);
  scheduler.flush();
  const versionOf = (uri: string): number | null => documents.get(uri)?.version ?? null;
  try {
    const result = scaffold(folder.workspace, { servicePath: folder.workspace.currentSettings().scaffoldServicePath, ...input.options });
    const edit = toLspEdit(result.edit, versionOf);
    if (input.dryRun) return { applied: false, edit, service: uriOf(result.servicePath), nodePort: result.nodePort };
    const applied = await context.applyEdit({ label: `Expose ${input.options.app}`, edit });
    return { applied: applied.applied, service: uriOf(result.servicePath), nodePort: result.nodePort, ...(applied.failureReason ? { failureReason: applied.failureReason } : {}) };
  } catch (error) {
    if (error instanceof ScaffoldError) return new ResponseError(ErrorCodes.InvalidParams, error.message);
    outbox.error(`scaffold failed: ${error instanceof Error && error.stack ? error.stack : String(error)}`);
    return new ResponseError(ErrorCodes.InternalError, `Kube Expose: scaffold failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
