import type { Span } from '../types';
import type { FileModel } from '../workspace/fileModel';
import { contains } from './chainIndex';

/**
 * On a Helm template's `nodePort:` line that no chain reads: why. The template is never executed, so a value
 * computed by it, or guarded by a condition that only rendering could decide, is left out (and not reported).
 */
export function helmPortNote(file: FileModel, offset: number): { span: Span; note: string } | undefined {
  for (const service of file.chart?.services ?? []) {
    for (const port of service.ports) {
      const nodePort = port.nodePort;
      if (!nodePort || !contains(nodePort.span, offset)) continue;
      const unknown = port.conditions.find((condition) => condition.unknown !== undefined)?.unknown;
      const note =
        nodePort.unresolved !== undefined
          ? `Not read: ${nodePort.unresolved}. No diagnostic is given for this port; the template is never executed.`
          : unknown !== undefined
            ? `Not read: whether it is rendered depends on \`${unknown}\`, which only rendering the template decides. No diagnostic is given for this port.`
            : `Read from the chart's values (${nodePort.valuesPath !== undefined ? `\`.Values.${nodePort.valuesPath}\`` : 'a literal'}${nodePort.fallback !== undefined ? `, default ${nodePort.fallback}` : ''}): no app's chain reaches it, or its values leave it unset or not rendered.`;
      return { span: nodePort.span, note };
    }
  }
  return undefined;
}
