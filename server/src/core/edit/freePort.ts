import type { Workspace } from '../workspace/workspace';

/** Every port in use across the workspace: Service nodePorts and the ports of every chain. */
export function usedPorts(workspace: Workspace): Set<number> {
  const used = new Set<number>();
  for (const at of workspace.serviceIndex().all) if (at.port?.nodePort) used.add(at.port.nodePort.value);
  for (const chain of workspace.chains()) for (const hop of chain.hops) if (hop.value !== undefined) used.add(hop.value);
  return used;
}

/** The lowest node port of the configured range that nothing in the workspace uses. */
export function freeNodePort(workspace: Workspace, also: readonly number[] = []): number | undefined {
  const used = usedPorts(workspace);
  for (const port of also) used.add(port);
  const { min, max } = workspace.currentSettings().nodePortRange;
  for (let port = min; port <= max; port++) if (!used.has(port)) return port;
  return undefined;
}
