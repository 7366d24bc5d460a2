import type { ScaffoldOptions } from '../core/edit/scaffold';

/** Checks the loosely typed argument of the scaffold command; returns a message when it is unusable. */
export function readScaffoldArguments(raw: unknown): { options: ScaffoldOptions; folder?: string; dryRun: boolean } | string {
  if (typeof raw !== 'object' || raw === null) return 'The scaffold command needs an object argument.';
  const input = raw as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof input[key] === 'string' ? input[key] : undefined);
  const number = (key: string): number | undefined => (typeof input[key] === 'number' ? input[key] : undefined);
  const chart = text('chart');
  // A chart's template decides the namespace and the container port: only a manifest needs them.
  for (const key of chart === undefined ? ['env', 'app', 'namespace'] : ['env', 'app']) if (!text(key)) return `The scaffold command needs "${key}".`;
  const targetPort = number('targetPort');
  if (targetPort === undefined && chart === undefined) return 'The scaffold command needs "targetPort".';
  const mode = text('mode');
  if (mode !== undefined && mode !== 'http' && mode !== 'tcp') return '"mode" must be http or tcp.';
  const options: ScaffoldOptions = {
    env: text('env') ?? '',
    app: text('app') ?? '',
    ...(text('namespace') !== undefined ? { namespace: text('namespace') } : {}),
    ...(targetPort !== undefined ? { targetPort } : {}),
    ...(chart !== undefined ? { chart } : {}),
    ...(number('port') !== undefined ? { port: number('port') } : {}),
    ...(number('nodePort') !== undefined ? { nodePort: number('nodePort') } : {}),
    ...(text('location') !== undefined ? { location: text('location') } : {}),
    ...(mode !== undefined ? { mode } : {}),
    ...(text('balance') !== undefined ? { balance: text('balance') } : {}),
  };
  const folder = text('folder');
  return { options, dryRun: input['dryRun'] === true, ...(folder ? { folder } : {}) };
}
