import type { Document } from 'yaml';
import type { TemplateExpression } from '../jinja/template';
import type { LineIndex } from '../text/lineIndex';
import type { DiagnosticCode, Severity, Span } from '../types';
import type { Block } from '../yaml/blocks';
import type { ChartFacts } from './chart';
import type { InventoryFacts, ProxyFacts, RoutesFacts, ServiceFact, VariableFact } from './facts';
import type { JsonPatchOperation, KustomizationFacts } from './kustomization';

// What one file is once read: the shapes the rules check and the workspace keeps. They live below both, so
// that the rules need nothing of the workspace that builds them.

export type FileKind = 'inventory' | 'proxy' | 'routes' | 'vars' | 'kubernetes';

export interface FileContent {
  readonly text: string;
  /** Set when the file could not be read as text; the file then only carries a `file-skipped` diagnostic. */
  readonly skipReason?: string;
}

/** A problem found in one file alone; cross-file problems come from the rules. */
export interface LocalProblem {
  readonly code: DiagnosticCode;
  readonly span: Span;
  readonly message: string;
  /** A milder default than the code's own, for a problem of that code that is a reading note (YAML 1.1). */
  readonly severity?: Severity;
  /** See SchemaProblem.missing. */
  readonly missing?: true;
}

export interface FileModel {
  readonly path: string;
  readonly relativePath: string;
  readonly kind: FileKind;
  readonly env: string | undefined;
  readonly text: string;
  readonly lines: LineIndex;
  /**
   * Absent in a model built in a worker thread: read them through `documentsOf`, which parses on first use.
   * A cold index of a large repository would otherwise keep every parsed node of every file in memory.
   */
  readonly documents?: readonly Document.Parsed[];
  /** How `documents` were (or are to be) parsed from `text`, so that parsing them later gives the same nodes. */
  readonly parse: ParseMode;
  readonly problems: readonly LocalProblem[];
  readonly services: readonly ServiceFact[];
  readonly proxy?: ProxyFacts;
  readonly routes?: RoutesFacts;
  readonly variables: readonly VariableFact[];
  readonly inventory?: InventoryFacts;
  readonly templates: readonly TemplateExpression[];
  /** An Ansible Vault file (`$ANSIBLE_VAULT;` header): its variables cannot be read without the password. */
  readonly encrypted?: boolean;
  /** Set on a Helm chart's Chart.yaml, values files and Service templates. */
  readonly chart?: ChartFacts;
  readonly kustomization?: KustomizationFacts;
  /** A JSON 6902 patch file's operations, for the kustomizations that name it. */
  readonly operations?: readonly JsonPatchOperation[];
  /** The entries parsed one by one, for the next version of the file to reuse. */
  readonly blocks?: readonly Block[];
}

/** `none`: the file is not read as YAML (skipped, or an INI inventory); `entries`: entry by entry when it allows it. */
export type ParseMode = 'none' | 'whole' | 'entries';

/** A model as plain data, without parsed nodes nor line index: what a worker thread can send back. */
export type PreparedFileModel = Omit<FileModel, 'lines' | 'documents' | 'blocks'>;

export interface FileInput {
  readonly path: string;
  readonly relativePath: string;
  readonly kind: FileKind;
  readonly env: string | undefined;
  readonly text: string;
  /** Set when the file could not be read as text (binary, not UTF-8, unreadable). */
  readonly skipReason?: string;
  /** Named as an inventory can be, but no setting names it: kept only if its content is one (inventoryShape.ts). */
  readonly byContent?: true;
}

