import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from './types';
import { DEFAULT_ANSIBLE_CONFIG, type AnsibleConfig } from './ansibleConfig';
import { isRecord } from './util';

export type SeveritySetting = Severity | 'off';

export interface FileGlobs {
  readonly inventory: readonly string[];
  readonly vars: readonly string[];
  readonly proxy: readonly string[];
  readonly routes: readonly string[];
  readonly kubernetes: readonly string[];
  readonly exclude: readonly string[];
}

/**
 * What Red Hat's YAML extension, when the editor runs it, already reports in open YAML documents. The client
 * works this out (from the installed extensions and the `yaml.*` settings); the CLI has no such neighbour.
 */
export interface YamlExtensionCoverage {
  readonly syntax: boolean;
  /** A Kubernetes schema is applied to manifests (by the Kubernetes extension or `yaml.schemas`). */
  readonly kubernetesSchema: boolean;
  /** Our proxy.yml and routes.yml schemas are mapped in `yaml.schemas`. */
  readonly groupVarsSchema: boolean;
}

export interface Settings {
  readonly files: FileGlobs;
  /** Glob of Service manifests -> environment name. */
  readonly serviceEnvironments: Readonly<Record<string, string>>;
  readonly gatewayGroup: string;
  readonly nodePortRange: { readonly min: number; readonly max: number };
  readonly severity: Readonly<Partial<Record<DiagnosticCode, SeveritySetting>>>;
  readonly maxFileSize: number;
  readonly maxAliasCount: number;
  /** Where the scaffold writes a new Service manifest; `{namespace}` and `{app}` are replaced. */
  readonly scaffoldServicePath: string;
  readonly yamlExtension: YamlExtensionCoverage;
  /**
   * How a cold index reads the files no one has open: `fast` with the fast reader (core/fast), which leaves to
   * the `yaml` package every file it does not fully accept; `yaml` with the `yaml` package alone, to compare.
   */
  readonly coldReader: ColdReader;
  /** From the repository's ansible.cfg, never from the editor's settings. */
  readonly ansible: AnsibleConfig;
  /**
   * The settings `.kube-expose.json` set ('all': the command line, which reads no other place), so that a message
   * names a setting where the user wrote it, or would write it.
   */
  readonly fromFile: 'all' | readonly string[];
}

export const COLD_READERS = ['fast', 'yaml'] as const;
export type ColdReader = (typeof COLD_READERS)[number];

export const DEFAULT_SETTINGS: Settings = {
  files: {
    inventory: [
      '**/inventories/*/hosts',
      '**/inventories/*/hosts.{yml,yaml,ini}',
      '**/inventory/hosts',
      '**/inventory/*.{ini,yml,yaml}',
      '**/{inventory,environments}/*/hosts',
      '**/{inventory,environments}/*/{hosts.yml,hosts.yaml,*.ini}',
    ],
    vars: ['**/inventories/*/**/*.{yml,yaml}', '**/{group_vars,host_vars}/**/*.{yml,yaml,json}', '**/{group_vars,host_vars}/**/!(*.*|*~)'],
    proxy: ['**/inventories/*/kube_gateway_pool/proxy.{yml,yaml}', '**/group_vars/kube_gateway_pool/proxy.{yml,yaml}'],
    routes: ['**/inventories/*/webservers_pool/routes.{yml,yaml}', '**/group_vars/webservers_pool/routes.{yml,yaml}'],
    kubernetes: ['**/*.{yml,yaml}'],
    exclude: ['**/node_modules/**', '**/.git/**'],
  },
  serviceEnvironments: {},
  gatewayGroup: 'kube_gateway_pool',
  nodePortRange: { min: 30000, max: 32767 },
  severity: {},
  maxFileSize: 4 * 1024 * 1024,
  maxAliasCount: 1000,
  scaffoldServicePath: 'k8s/{namespace}/{app}-service.yml',
  yamlExtension: { syntax: false, kubernetesSchema: false, groupVarsSchema: false },
  coldReader: 'fast',
  ansible: DEFAULT_ANSIBLE_CONFIG,
  fromFile: [],
};

/** How a message names a setting (`nodePortRange`, `files.proxy`): as the place it was read from spells it. */
export function settingName(settings: Settings, name: string): string {
  const inFile = settings.fromFile === 'all' || settings.fromFile.includes(name) || settings.fromFile.includes(name.split('.')[0] ?? name);
  return inFile ? `${name} in .kube-expose.json` : `kubeExpose.${name}`;
}

/**
 * Builds settings from the loosely typed `kubeExpose` section of VS Code or `.kube-expose.json`,
 * keeping the default for every value that is missing or malformed and saying what was wrong.
 */
export function readSettings(raw: unknown, problems: string[] = [], fromFile: Settings['fromFile'] = []): Settings {
  const input = isRecord(raw) ? raw : {};
  const files = isRecord(input['files']) ? input['files'] : {};
  const globs = (key: keyof FileGlobs): readonly string[] => {
    const value = files[key];
    if (value === undefined) return DEFAULT_SETTINGS.files[key];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    problems.push(`files.${key} must be a list of globs`);
    return DEFAULT_SETTINGS.files[key];
  };
  return {
    files: { inventory: globs('inventory'), vars: globs('vars'), proxy: globs('proxy'), routes: globs('routes'), kubernetes: globs('kubernetes'), exclude: globs('exclude') },
    serviceEnvironments: readStringMap(input['serviceEnvironments'], 'serviceEnvironments', problems),
    gatewayGroup: typeof input['gatewayGroup'] === 'string' && input['gatewayGroup'] ? input['gatewayGroup'] : DEFAULT_SETTINGS.gatewayGroup,
    nodePortRange: readRange(input['nodePortRange'], problems),
    severity: readSeverity(input['severity'], problems),
    maxFileSize: readPositive(input['maxFileSize'], DEFAULT_SETTINGS.maxFileSize, 'maxFileSize', problems),
    maxAliasCount: readPositive(input['maxAliasCount'], DEFAULT_SETTINGS.maxAliasCount, 'maxAliasCount', problems),
    scaffoldServicePath: readServicePath(input['scaffold'], problems),
    yamlExtension: readCoverage(input['yamlExtension']),
    coldReader: readColdReader(input['coldReader'], problems),
    ansible: DEFAULT_ANSIBLE_CONFIG,
    fromFile,
  };
}

function readColdReader(value: unknown, problems: string[]): ColdReader {
  if (value === undefined) return DEFAULT_SETTINGS.coldReader;
  const known = COLD_READERS.find((name) => name === value);
  if (known) return known;
  problems.push(`coldReader must be ${COLD_READERS.join(' or ')}`);
  return DEFAULT_SETTINGS.coldReader;
}

function readStringMap(value: unknown, name: string, problems: string[]): Record<string, string> {
  if (value === undefined) return {};
  if (!isRecord(value) || !Object.values(value).every((item) => typeof item === 'string')) {
    problems.push(`${name} must map globs to environment names`);
    return {};
  }
  return value as Record<string, string>;
}

function readRange(value: unknown, problems: string[]): Settings['nodePortRange'] {
  if (value === undefined) return DEFAULT_SETTINGS.nodePortRange;
  const match = typeof value === 'string' ? /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(value) : null;
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  if (!match || min > max || max > 65535) {
    problems.push(`nodePortRange must look like "30000-32767"`);
    return DEFAULT_SETTINGS.nodePortRange;
  }
  return { min, max };
}

function readSeverity(value: unknown, problems: string[]): Settings['severity'] {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    problems.push('severity must map diagnostic codes to error, warning, information, hint or off');
    return {};
  }
  const result: Partial<Record<DiagnosticCode, SeveritySetting>> = {};
  for (const [code, level] of Object.entries(value)) {
    const known = (DIAGNOSTIC_CODES as readonly string[]).includes(code);
    const valid = level === 'error' || level === 'warning' || level === 'information' || level === 'hint' || level === 'off';
    if (known && valid) result[code as DiagnosticCode] = level;
    else problems.push(known ? `severity.${code} must be error, warning, information, hint or off` : `severity: unknown diagnostic code ${code}`);
  }
  return result;
}

/** Set by the client, never by users: anything unexpected means no coverage. */
function readCoverage(value: unknown): YamlExtensionCoverage {
  const input = isRecord(value) ? value : {};
  return { syntax: input['syntax'] === true, kubernetesSchema: input['kubernetesSchema'] === true, groupVarsSchema: input['groupVarsSchema'] === true };
}

function readServicePath(value: unknown, problems: string[]): string {
  const path = isRecord(value) ? value['servicePath'] : undefined;
  if (path === undefined) return DEFAULT_SETTINGS.scaffoldServicePath;
  if (typeof path === 'string' && path.trim()) return path;
  problems.push('scaffold.servicePath must be a path relative to the workspace folder');
  return DEFAULT_SETTINGS.scaffoldServicePath;
}

function readPositive(value: unknown, fallback: number, name: string, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  problems.push(`${name} must be a positive whole number`);
  return fallback;
}
