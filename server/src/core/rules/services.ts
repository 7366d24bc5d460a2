import { settingName, type Settings } from '../settings';
import { pushTo } from '../util';
import { serviceName } from './chain';
import { where, type Sink } from './sink';
import type { ServiceIndex, ServicePortAt } from './view';

const KNOWN_TYPES = new Set(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);

/** Rules on Services alone: the node-port range, unique node ports, and the type a nodePort needs. */
export function checkServices(services: ServiceIndex, settings: Settings, emit: Sink): void {
  const { min, max } = settings.nodePortRange;
  const byCluster = new Map<string, ServicePortAt[]>();
  const typeReported = new Set<object>();
  for (const at of services.all) {
    const nodePort = at.port?.nodePort;
    if (!nodePort || !at.port) continue;
    if (nodePort.value < min || nodePort.value > max) {
      emit({
        file: at.file,
        span: nodePort.span,
        code: 'nodeport-range',
        message: `nodePort ${nodePort.value} of Service ${serviceName(at)} is outside the node-port range ${min}-${max} (${settingName(settings, 'nodePortRange')}).`,
      });
    }
    pushTo(byCluster, `${at.env ?? at.file.env ?? ''}\u0000${nodePort.value}\u0000${at.port.protocol}`, at);
    const type = at.service.type?.value;
    // An unknown type is the schema's to report; a second diagnostic on it would only repeat it.
    const known = type === undefined || KNOWN_TYPES.has(type);
    if (known && type !== 'NodePort' && type !== 'LoadBalancer' && !typeReported.has(at.service)) {
      typeReported.add(at.service);
      emit({
        file: at.file,
        span: at.service.type?.span ?? nodePort.span,
        code: 'service-type',
        message: `Service ${serviceName(at)} sets nodePort ${nodePort.value} but is of type ${type ?? 'ClusterIP (the default)'}: a nodePort needs type NodePort or LoadBalancer.`,
      });
    }
  }
  for (const sharing of byCluster.values()) {
    if (sharing.length < 2) continue;
    for (const at of sharing) {
      const others = sharing.filter((other) => other !== at);
      const span = at.port?.nodePort?.span;
      if (!span) continue;
      emit({
        file: at.file,
        span,
        code: 'duplicate-nodeport',
        message: `nodePort ${at.port?.nodePort?.value ?? ''} of Service ${serviceName(at)} is also used by ${others
          .slice(0, 3)
          .map((other) => `Service ${serviceName(other)} (${where(other.file, other.port?.nodePort?.span ?? other.service.anchor)})`)
          .join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''}.`,
        related: others.map((other) => ({ file: other.file, span: other.port?.nodePort?.span ?? other.service.anchor, message: `Service ${serviceName(other)} uses the same nodePort` })),
      });
    }
  }
}
