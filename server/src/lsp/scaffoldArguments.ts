import type { ScaffoldOptions } from '../core/edit/scaffold';

/** Checks the loosely typed argument of the scaffold command; returns a message when it is unusable. */
export function readScaffoldArguments(raw: unknown): { options: ScaffoldOptions; folder?: string; dryRun: boolean } | string {
  if (typeof raw !== 'object' || raw === null) return 'The scaffold command needs an object argument.';
  const input = raw as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof input[key] === 'string' ? input[key] : undefined);
  const number = (key: string): number | undefined => (typeof input[key] === 'number' ? input[key] : undefined);
  for (const key of ['env', 'app', 'namespace']) if (!text(key)) return `The scaffold command needs "${key}".`;
  const targetPort = number('targetPort');
  if (targetPort === undefined) return 'The scaffold command needs "targetPort".';
  const mode = text('mode');
  if (mode !== undefined && mode !== 'http' && mode !== 'tcp') return '"mode" must be http or tcp.';
  const options: ScaffoldOptions = {
    env: text('env') ?? '',
    app: text('app') ?? '',
    namespace: text('namespace') ?? '',
    targetPort,
    ...(number('port') !== undefined ? { port: number('port') } : {}),
    ...(number('nodePort') !== undefined ? { nodePort: number('nodePort') } : {}),
    ...(text('location') !== undefined ? { location: text('location') } : {}),
    ...(mode !== undefined ? { mode } : {}),
    ...(text('balance') !== undefined ? { balance: text('balance') } : {}),
  };
  const folder = text('folder');
  return { options, dryRun: input['dryRun'] === true, ...(folder ? { folder } : {}) };
}
