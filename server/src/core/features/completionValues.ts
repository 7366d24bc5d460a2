/**
 * One line per enum value, for the completion list: the schemas describe a property, not each of its values.
 * Keyed by schema and property name.
 */
const VALUE_DESCRIPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'proxy.mode': {
    http: 'Layer 7: HAProxy parses HTTP (needed for httplog, forwardfor and header rules). An http frontend is reached through Nginx.',
    tcp: 'Layer 4: HAProxy forwards the bytes as they come (use tcplog). A tcp frontend is reached directly, not through Nginx.',
  },
  'proxy.balance': {
    roundrobin: 'Each server in turn, according to its weight; weights may change at run time. The usual choice.',
    'static-rr': 'Each server in turn, with the weights fixed at start-up; no limit on the number of servers.',
    leastconn: 'The server with the fewest connections: for long sessions (WebSocket, SQL, LDAP).',
    first: 'The first server with a free connection slot (maxconn), so that as few servers as possible are used.',
    source: 'A hash of the client IP address: the same client keeps reaching the same server.',
    uri: 'A hash of the request URI: the same page keeps reaching the same server (caches).',
    random: 'A random server, by consistent hashing; weights are honoured.',
    'rdp-cookie': 'The server named by the RDP cookie (mstshash): for Remote Desktop.',
  },
  'routes.type': {
    repeat: 'The directive is written once per key of `values`: `proxy_set_header Host $http_host;` and so on.',
  },
  'service.type': {
    ClusterIP: 'Reachable only inside the cluster, on a cluster IP (the default). No nodePort.',
    NodePort: 'Opens `nodePort` on every node, in the node-port range: what HAProxy balances to.',
    LoadBalancer: 'A cloud load balancer in front of the node ports; a `nodePort` is allocated too.',
    ExternalName: 'A DNS CNAME to `externalName`: no proxying and no ports.',
  },
  'service.protocol': {
    TCP: 'TCP (the default).',
    UDP: 'UDP.',
    SCTP: 'SCTP.',
  },
};

export function valueDescription(schema: string, key: string | number | undefined, value: string): string | undefined {
  return typeof key === 'string' ? VALUE_DESCRIPTIONS[`${schema}.${key}`]?.[value] : undefined;
}

/** Whether a string must be quoted to stay the same string in YAML's plain style. */
export function needsQuotes(value: string): boolean {
  return value === '' || /^[\s*&!|>'"%@`{}[\],#?:-]|:\s|\s#|:$|\s$/.test(value) || /^(?:true|false|yes|no|on|off|null|~|[-+]?\d[\d._]*(?:e[-+]?\d+)?)$/i.test(value);
}
