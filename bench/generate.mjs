#!/usr/bin/env node
// @ts-check
/**
 * Writes a synthetic but realistic Ansible repository for benchmarking Kube Expose: per environment an
 * inventory, the `app.<name>.port` variables, the HAProxy entries (proxy.yml), the Nginx routes (routes.yml)
 * and one NodePort Service manifest per Kubernetes app, with a few deliberate port mistakes listed in
 * `<out>/EXPECTED.json`. Deterministic from the seed; no dependencies.
 *
 *   node bench/generate.mjs --size small|medium|large|all [--seed N] [--out DIR] [--mismatches N]
 *
 * As a module: `generateRepository({ dir, seed, envs, apps, mismatches })`.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';

/** @typedef {'small' | 'medium' | 'large'} SizeName */
/** @type {Readonly<Record<SizeName, { envs: number, apps: number }>>} */
export const SIZES = Object.freeze({
  small: { envs: 1, apps: 50 },
  medium: { envs: 3, apps: 500 },
  large: { envs: 5, apps: 2000 },
});

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const GATEWAY_GROUP = 'kube_gateway_pool';
const NAT_GROUP = 'nat_gateway_pool';
const ENV_NAMES = ['protobox', 'staging', 'production', 'qa', 'preprod'];

/**
 * @typedef {object} Mistake
 * @property {string} env            environment name (`inventories/<env>`)
 * @property {string} app            app key (`app.<app>.port`, routes.yml and proxy.yml key)
 * @property {'stream-port' | 'service-nodeport'} kind
 * @property {string} code           the diagnostic expected (`port-mismatch`)
 * @property {string} file           path relative to the repository root, `/`-separated
 * @property {number} line           1-based line where the wrong number is written
 * @property {number} expected       the port of the rest of the chain
 * @property {number} actual         the port written there
 */
/**
 * @typedef {object} FileStat
 * @property {string} path   relative to the repository root
 * @property {number} lines
 * @property {number} bytes
 */
/**
 * @typedef {object} Summary
 * @property {string} dir            absolute path of the repository
 * @property {number} seed
 * @property {string[]} envs
 * @property {number} appsPerEnv
 * @property {number} kubeApps       Kubernetes apps (HAProxy entry + Service) over all environments
 * @property {number} natApps        routes to nat_gateway_pool over all environments
 * @property {number} files
 * @property {number} lines
 * @property {number} bytes
 * @property {{ routes: FileStat, proxy: FileStat, apps: FileStat, hosts: FileStat, service: FileStat }} largest
 * @property {Mistake[]} mistakes
 * @property {number} ms             generation time
 */

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness

/** @param {number} seed */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  /** @param {number} seed */
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  /** @param {number} n @returns {number} an integer in [0, n) */
  int(n) {
    return Math.floor(this.next() * n);
  }
  /** @param {number} p */
  chance(p) {
    return this.next() < p;
  }
  /** @template T @param {readonly T[]} items @returns {T} */
  pick(items) {
    return items[this.int(items.length)];
  }
  /** Picks by weight: `[[value, weight], ...]`. @template T @param {readonly (readonly [T, number])[]} table @returns {T} */
  weighted(table) {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let r = this.next() * total;
    for (const [value, weight] of table) {
      r -= weight;
      if (r < 0) return value;
    }
    return table[table.length - 1][0];
  }
  /** In place. @template T @param {T[]} items @returns {T[]} */
  shuffle(items) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }
}

/** @param {number} seed @param {number} stream */
function subSeed(seed, stream) {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream + 1, 0xc2b2ae35)) >>> 0;
}

// ---------------------------------------------------------------------------------------------------------
// The catalogue of apps (shared by all environments: same names, namespaces and route shapes)

/** Well-known products, with their usual namespace; some have a Service named differently (pgadmin4 -> pgadmin). */
const PRODUCTS = /** @type {const} */ ([
  ['pgadmin4', 'postgresql', 'pgadmin'], ['grafana', 'monitoring'], ['argocd', 'argocd', 'argocd-server'],
  ['keycloak', 'identity'], ['prometheus', 'monitoring', 'prometheus-server'], ['alertmanager', 'monitoring'],
  ['kibana', 'logging'], ['jenkins', 'ci'], ['gitea', 'ci'], ['nexus3', 'ci', 'nexus'], ['harbor', 'ci', 'harbor-portal'],
  ['sonarqube', 'ci'], ['vault', 'security'], ['consul', 'platform', 'consul-ui'], ['minio', 'storage', 'minio-console'],
  ['rabbitmq', 'messaging', 'rabbitmq-management'], ['mailhog', 'tools'], ['matomo', 'analytics'], ['metabase', 'analytics'],
  ['superset', 'analytics'], ['airflow', 'data', 'airflow-webserver'], ['jupyterhub', 'data', 'proxy-public'],
  ['n8n', 'tools'], ['nextcloud', 'storage'], ['mattermost', 'messaging'], ['rocketchat', 'messaging'], ['wikijs', 'tools'],
  ['bookstack', 'tools'], ['outline', 'tools'], ['plausible', 'analytics'], ['sentry', 'monitoring', 'sentry-web'],
  ['portainer', 'platform'], ['zabbix', 'monitoring', 'zabbix-web'], ['loki', 'logging', 'loki-gateway'],
  ['jaeger', 'monitoring', 'jaeger-query'], ['phpmyadmin', 'mysql'], ['adminer', 'postgresql'], ['opensearch', 'logging'],
  ['redisinsight', 'redis'], ['kafdrop', 'messaging'], ['akhq', 'messaging'], ['uptimekuma', 'monitoring', 'uptime-kuma'],
  ['pgweb', 'postgresql'], ['mongoexpress', 'mongodb', 'mongo-express'], ['registry2', 'ci', 'registry'],
  ['hubble', 'platform', 'hubble-ui'], ['kubecost', 'platform', 'kubecost-cost-analyzer'], ['longhorn', 'storage', 'longhorn-frontend'],
  ['dex', 'identity'], ['oauth2proxy', 'identity', 'oauth2-proxy'], ['rundeck', 'tools'], ['openproject', 'tools'],
]);

const DOMAINS = [
  'billing', 'invoices', 'orders', 'payments', 'catalog', 'inventory', 'shipping', 'customers', 'accounts', 'auth',
  'notifications', 'search', 'reporting', 'pricing', 'checkout', 'cart', 'loyalty', 'crm', 'erp', 'hr', 'payroll',
  'documents', 'archive', 'media', 'images', 'geo', 'maps', 'booking', 'tickets', 'support', 'chat', 'forum', 'blog',
  'cms', 'newsletter', 'mailer', 'sms', 'exports', 'imports', 'audit', 'compliance', 'risk', 'fraud', 'ledger',
  'treasury', 'contracts', 'partners', 'suppliers', 'procurement', 'warehouse', 'fleet', 'tracking', 'telemetry',
  'devices', 'sensors', 'energy', 'metering', 'claims', 'policies', 'quotes', 'onboarding', 'profile', 'planning',
  'timesheets', 'expenses', 'assets', 'licences', 'surveys', 'events', 'returns',
];
const COMPONENTS = [
  'api', 'web', 'front', 'backend', 'worker', 'admin', 'gateway', 'portal', 'sync', 'batch', 'events', 'ui', 'bff',
  'graphql', 'grpc', 'consumer', 'scheduler', 'exporter', 'importer', 'notifier', 'indexer', 'reports', 'dashboard',
  'webhooks', 'mobile_api', 'public_api', 'backoffice', 'docs', 'preview', 'sandbox',
];
/** Where compound apps live: a dozen namespaces as a real cluster has. */
const NAMESPACES = [
  'billing', 'commerce', 'customers', 'identity', 'backoffice', 'data', 'messaging', 'platform', 'logistics',
  'finance', 'content', 'integration',
];

/**
 * @typedef {'none' | 'single' | 'repeat'} HeaderStyle
 * @typedef {object} LocationSpec
 * @property {string} path
 * @property {HeaderStyle} headers
 * @property {boolean} upgrade        websocket: proxy_http_version + Upgrade/Connection headers
 * @property {boolean} rewrite
 * @property {string | null} passPath  path after `http://stream_<name>`
 * @property {[string, string][]} extras
 * @property {string | null} comment
 */
/**
 * @typedef {object} AppSpec
 * @property {string} key
 * @property {string} slug
 * @property {boolean} nat            routed to nat_gateway_pool: no HAProxy entry, no Service
 * @property {number} natPort
 * @property {string} namespace
 * @property {string} serviceName
 * @property {string} label
 * @property {string} portName
 * @property {number} servicePort
 * @property {number} targetPort
 * @property {boolean} partOfLabel
 * @property {boolean} protocolLine
 * @property {boolean} docStart       manifest begins with `---`
 * @property {string | null} serviceComment
 * @property {boolean} templatedStream stream.port is `"{{ app.<key>.port }}"`
 * @property {'http' | 'tcp'} mode
 * @property {'roundrobin' | 'leastconn' | 'source'} balance
 * @property {string[]} options
 * @property {LocationSpec[]} locations
 * @property {string | null} comment        line above the route entry
 * @property {string | null} portComment    inline comment after stream.port
 * @property {boolean} oldLocation          a commented-out location
 * @property {boolean} blankBefore
 */

/** Ticket-like comments humans leave. */
const COMMENTS = [
  'owner: team-{t}', 'TODO: move behind the SSO ({j})', 'requested in {j}', 'see {j}', 'temporary, remove after the migration ({j})',
  'do not change the path: hard-coded in the mobile app', 'legacy path kept for bookmarks', 'exposed for the partners ({j})',
  'asked by team-{t}, {j}', 'FIXME: timeouts too long?',
];
const TEAMS = ['core', 'data', 'platform', 'web', 'mobile', 'finance', 'ops', 'search', 'growth'];

/** @param {Rng} rng */
function humanComment(rng) {
  return rng.pick(COMMENTS).replace('{t}', rng.pick(TEAMS)).replace('{j}', `OPS-${1000 + rng.int(9000)}`);
}

/**
 * Mirrors the loose comparison Kube Expose uses to link a Service to an app by name (server/src/core/rules/view.ts),
 * so that the Services of the nodePort mistakes can be found by name.
 * @param {string} name
 */
function looseName(name) {
  return name
    .toLowerCase()
    .replace(/[-_.]?(svc|service|server|http|https|web|ui|nodeport)$/, '')
    .replace(/[-_.]?v?\d+$/, '');
}

/** @param {number} count @param {Rng} rng @returns {{ key: string, namespace: string, serviceName: string | null }[]} */
function appNames(count, rng) {
  /** @type {{ key: string, namespace: string, serviceName: string | null }[]} */
  const products = PRODUCTS.map(([key, namespace, serviceName]) => ({ key, namespace, serviceName: serviceName ?? null }));
  const domainNamespace = new Map(DOMAINS.map((domain) => [domain, rng.pick(NAMESPACES)]));
  /** @type {{ key: string, namespace: string, serviceName: string | null }[]} */
  const compounds = [];
  for (const domain of DOMAINS) {
    for (const component of COMPONENTS) compounds.push({ key: `${domain}_${component}`, namespace: /** @type {string} */ (domainNamespace.get(domain)), serviceName: null });
  }
  rng.shuffle(products);
  rng.shuffle(compounds);
  // The seed's apps first, then products and compounds interleaved (about one product for ten compounds early on).
  const first = ['pgadmin4', 'grafana', 'argocd'];
  const names = products.filter((p) => first.includes(p.key)).sort((a, b) => first.indexOf(a.key) - first.indexOf(b.key));
  const restProducts = products.filter((p) => !first.includes(p.key));
  let p = 0;
  let c = 0;
  while (names.length < count && (p < restProducts.length || c < compounds.length)) {
    const takeProduct = p < restProducts.length && (c >= compounds.length || rng.chance(count <= 100 ? 0.5 : 0.1));
    names.push(takeProduct ? restProducts[p++] : compounds[c++]);
  }
  // Beyond the catalogue (more than ~2,150 apps): numbered copies, as `orders_api2`.
  for (let round = 2; names.length < count; round++) {
    for (const base of compounds) {
      if (names.length >= count) break;
      names.push({ ...base, key: `${base.key}${round}` });
    }
  }
  return names.slice(0, count);
}

/** @param {Rng} rng @param {string} key @returns {string} */
function shorterServiceName(rng, key) {
  const dashed = key.replace(/_/g, '-');
  const variants = [];
  if (/\d$/.test(dashed)) variants.push(dashed.replace(/-?\d+$/, ''));
  if (/-(api|web|ui|front|backend)$/.test(dashed)) variants.push(dashed.replace(/-(api|web|ui|front|backend)$/, ''));
  variants.push(`${dashed}-svc`);
  return rng.pick(variants);
}

/** @param {Rng} rng @param {string} slug @param {boolean} first @param {string[]} used @returns {LocationSpec} */
function locationSpec(rng, slug, first, used) {
  const sub = first ? '' : rng.pick(['api/', 'ws/', 'static/', 'upload/', 'admin/', 'health/', 'v2/', 'assets/', 'export/'].filter((s) => !used.includes(s)));
  used.push(sub);
  const path = `/${slug}/${sub}`;
  const upgrade = sub === 'ws/' || (first && rng.chance(0.04));
  /** @type {[string, string][]} */
  const extras = [];
  if (sub === 'upload/' || rng.chance(0.05)) extras.push(['client_max_body_size', rng.pick(['10m', '50m', '100m', '512m', '1g'])]);
  if (rng.chance(0.04)) extras.push(['proxy_read_timeout', rng.pick(['120s', '300s', '600s'])]);
  if (sub === 'export/' || rng.chance(0.02)) extras.push(['proxy_buffering', '"off"']);
  if (sub === 'static/' || sub === 'assets/') extras.push(['expires', rng.pick(['7d', '30d', '1h'])]);
  const rewrite = first ? rng.chance(0.06) : rng.chance(0.3);
  const passPath = rewrite ? null : rng.chance(0.1) ? `/${slug}` : null;
  return {
    path,
    headers: upgrade ? 'repeat' : rng.weighted([['none', 70], ['single', 16], ['repeat', 14]]),
    upgrade,
    rewrite,
    passPath,
    extras,
    comment: rng.chance(0.03) ? humanComment(rng) : null,
  };
}

/** @param {number} count @param {Rng} rng @returns {AppSpec[]} */
function catalogue(count, rng) {
  const names = appNames(count, rng);
  /** @type {Set<string>} namespace/name pairs already used by a Service */
  const serviceNames = new Set();
  return names.map(({ key, namespace, serviceName }, index) => {
    const slug = key === 'pgadmin4' ? 'v-admin' : key.replace(/_/g, '-');
    const nat = index >= 3 && rng.chance(0.05);
    const dashed = key.replace(/_/g, '-');
    let name = serviceName ?? (rng.chance(0.12) ? shorterServiceName(rng, key) : dashed);
    if (serviceNames.has(`${namespace}/${name}`)) name = dashed;
    serviceNames.add(`${namespace}/${name}`);
    const label = rng.chance(0.8) ? name : dashed;
    const locationCount = rng.weighted([[1, 90], [2, 8], [3, 2]]);
    /** @type {string[]} */
    const usedSubs = [];
    const locations = Array.from({ length: locationCount }, (_, i) => locationSpec(rng, slug, i === 0, usedSubs));
    const mode = rng.chance(0.08) ? 'tcp' : 'http';
    const options = mode === 'tcp' ? ['tcplog'] : ['httplog', ...(rng.chance(0.4) ? ['forwardfor'] : []), ...(rng.chance(0.15) ? ['http-server-close'] : [])];
    const servicePort = rng.weighted([[80, 50], [8080, 20], [3000, 8], [8000, 8], [9090, 5], [443, 4], [5000, 5]]);
    return {
      key,
      slug,
      nat,
      natPort: rng.weighted([[3000, 3], [8080, 4], [9000, 1], [8443, 1]]),
      namespace,
      serviceName: name,
      label,
      portName: rng.weighted([['http', 5], [`${name.split('-')[0]}-port`, 3], ['web', 1], [`http-${name.split('-')[0]}`, 1]]),
      servicePort,
      targetPort: servicePort === 80 ? rng.pick([80, 8080, 8080, 3000, 8000]) : servicePort === 443 ? 8443 : servicePort,
      partOfLabel: rng.chance(0.3),
      protocolLine: rng.chance(0.25),
      docStart: rng.chance(0.5),
      serviceComment: rng.chance(0.05) ? humanComment(rng) : null,
      templatedStream: rng.chance(0.1),
      mode,
      balance: rng.weighted([['roundrobin', 6], ['leastconn', 3], ['source', 1]]),
      options,
      locations,
      comment: rng.chance(0.04) ? humanComment(rng) : null,
      portComment: rng.chance(0.02) ? `was ${NODE_PORT_MIN + rng.int(NODE_PORT_MAX - NODE_PORT_MIN)} before OPS-${1000 + rng.int(9000)}` : null,
      oldLocation: rng.chance(0.01),
      blankBefore: rng.chance(0.03),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Rendering (arrays of lines; the line numbers of the mistakes are their indexes + 1)

/** @param {string[]} out @param {LocationSpec} loc @param {string} key */
function renderLocation(out, loc, key) {
  if (loc.comment) out.push(`    # ${loc.comment}`);
  out.push(`    - location: ${loc.path}`, '      params:');
  if (loc.rewrite) out.push('        rewrite:', `          values: ^${loc.path}(.*) /$1 break`);
  for (const [directive, value] of loc.extras) out.push(`        ${directive}:`, `          values: ${value}`);
  if (loc.upgrade) {
    out.push('        proxy_http_version:', '          values: 1.1', '        proxy_set_header:', '          type: repeat', '          values:');
    if (loc.headers === 'repeat') out.push('            Host: $http_host', '            X-Real-IP: $remote_addr', '            X-Forwarded-For: $proxy_add_x_forwarded_for');
    out.push('            Upgrade: $http_upgrade', '            Connection: $connection_upgrade');
  } else if (loc.headers === 'single') {
    out.push('        proxy_set_header:', '          values: Host $http_host');
  } else if (loc.headers === 'repeat') {
    out.push(
      '        proxy_set_header:', '          type: repeat', '          values:', '            Host: $http_host',
      '            X-Real-IP: $remote_addr', '            X-Forwarded-For: $proxy_add_x_forwarded_for',
    );
  }
  const pass = `http://stream_${key}${loc.passPath ?? ''}`;
  out.push('        proxy_pass:', loc.passPath ? `          values: "${pass}"` : `          values: ${pass}`);
}

/**
 * @param {string[]} out
 * @param {AppSpec} app
 * @param {number | string} streamPort  a number, or the template text
 * @returns {number} the 1-based line of `stream.port`
 */
function renderRoute(out, app, streamPort) {
  if (app.blankBefore && out.length > 2) out.push('');
  if (app.comment) out.push(`# ${app.comment}`);
  out.push(`${app.key}:`, '  webserver:');
  for (const loc of app.locations) renderLocation(out, loc, app.key);
  if (app.oldLocation) out.push(`    # - location: /old-${app.slug}/`, '    #   params:', '    #     proxy_pass:', `    #       values: http://stream_${app.key}`);
  out.push('  stream:', `    name: stream_${app.key}`);
  out.push(`    port: ${streamPort}${app.portComment && typeof streamPort === 'number' ? `  # ${app.portComment}` : ''}`);
  const line = out.length;
  out.push(`    group: ${app.nat ? NAT_GROUP : GATEWAY_GROUP}`);
  return line;
}

/** @param {string[]} out @param {AppSpec} app */
function renderProxy(out, app) {
  const ref = `"{{ app.${app.key}.port }}"`;
  out.push(
    `${app.key}:`, `  mode: ${app.mode}`, '  address: "*"', `  port: ${ref}`, '  destination:', '    group:',
    `      name: ${GATEWAY_GROUP}`, `      port: ${ref}`, `    balance: ${app.balance}`, '    options:',
  );
  for (const option of app.options) out.push(`      - ${option}`);
}

/** @param {AppSpec} app @param {number} nodePort @returns {{ text: string, lines: number, nodePortLine: number }} */
function renderService(app, nodePort) {
  /** @type {string[]} */
  const out = [];
  if (app.docStart) out.push('---');
  if (app.serviceComment) out.push(`# ${app.serviceComment}`);
  out.push('apiVersion: v1', 'kind: Service', 'metadata:', '  labels:', `    app: ${app.label}`);
  if (app.partOfLabel) out.push(`    app.kubernetes.io/part-of: ${app.namespace}`);
  out.push(`  name: ${app.serviceName}`, `  namespace: ${app.namespace}`, 'spec:', '  ports:', `    - name: ${app.portName}`);
  out.push(`      nodePort: ${nodePort}`);
  const nodePortLine = out.length;
  out.push(`      port: ${app.servicePort}`);
  if (app.protocolLine) out.push('      protocol: TCP');
  out.push(`      targetPort: ${app.targetPort}`, '  selector:', `    app: ${app.label}`, '  type: NodePort');
  return { text: out.join('\n') + '\n', lines: out.length, nodePortLine };
}

/** @param {string} env @param {Rng} rng */
function renderHosts(env, rng) {
  const octet = 10 + ENV_NAMES.indexOf(env) + (ENV_NAMES.includes(env) ? 0 : 50);
  let host = 10;
  /** @param {string} name */
  const hostLines = (name) => [`        ${name}:`, `          ansible_host: 10.${octet}.0.${host++}`];
  const out = [`# Inventory of the ${env} environment.`, 'all:', '  vars:', '    ansible_user: deploy', `    env_name: ${env}`, '  children:'];
  out.push(`    ${GATEWAY_GROUP}:`, '      hosts:');
  for (let i = 1; i <= 3; i++) out.push(...hostLines(`gateway-${i}`));
  out.push('    webservers_pool:', '      hosts:');
  for (let i = 1; i <= 2; i++) out.push(...hostLines(`webserver-${i}`));
  out.push('    # control plane and workers: the NodePort Services listen on all of them', '    kube_nodes:', '      hosts:');
  const nodes = 3 + rng.int(4);
  for (let i = 1; i <= nodes; i++) out.push(...hostLines(`kube-node-${i}`));
  out.push(`    ${NAT_GROUP}:`, '      hosts:');
  const nats = 1 + rng.int(2);
  for (let i = 1; i <= nats; i++) out.push(...hostLines(`nat-gateway-${i}`));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Generation

/** @param {Rng} rng @param {number} count */
function nodePorts(rng, count) {
  const range = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  if (count > range) throw new Error(`at most ${range} Kubernetes apps fit in one environment (node ports ${NODE_PORT_MIN}-${NODE_PORT_MAX}), ${count} asked`);
  const all = Array.from({ length: range }, (_, i) => NODE_PORT_MIN + i);
  // Partial Fisher-Yates: the first `count` are a uniform random sample.
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(range - i);
    const tmp = all[i];
    all[i] = all[j];
    all[j] = tmp;
  }
  return all.slice(0, count);
}

/** Refuses to wipe a folder that does not look like an earlier output. @param {string} dir @param {boolean} force */
function prepareOutput(dir, force) {
  const root = parse(dir).root;
  if (dir === root || dir === homedir() || dir === process.cwd()) throw new Error(`refusing to replace ${dir}`);
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length && !entries.includes('EXPECTED.json') && !force) {
      throw new Error(`${dir} is not empty and holds no EXPECTED.json (not a generated repository): pass force / --force to replace it`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}

/**
 * Writes the repository and returns what it holds.
 * @param {object} options
 * @param {string} options.dir               replaced first
 * @param {number} [options.seed]            default 1
 * @param {number | string[]} [options.envs] a count or the names; default 1
 * @param {number} [options.apps]            apps per environment; default 50
 * @param {number} [options.mismatches]      deliberate mistakes per environment; default 3
 * @param {boolean} [options.force]          replace `dir` even if it does not look generated
 * @returns {Summary}
 */
export function generateRepository({ dir, seed = 1, envs = 1, apps = 50, mismatches = 3, force = false }) {
  const started = performance.now();
  const root = resolve(dir);
  const envNames = Array.isArray(envs) ? envs : Array.from({ length: envs }, (_, i) => ENV_NAMES[i] ?? `env${i + 1}`);
  if (!envNames.length) throw new Error('at least one environment');
  if (!Number.isInteger(apps) || apps < 1) throw new Error('apps must be a positive integer');
  prepareOutput(root, force);

  const apps_ = catalogue(apps, new Rng(subSeed(seed, 0)));
  const kube = apps_.filter((app) => !app.nat);

  let files = 0;
  let lines = 0;
  let bytes = 0;
  /** @type {Summary['largest']} */
  const largest = {
    routes: { path: '', lines: 0, bytes: 0 }, proxy: { path: '', lines: 0, bytes: 0 }, apps: { path: '', lines: 0, bytes: 0 },
    hosts: { path: '', lines: 0, bytes: 0 }, service: { path: '', lines: 0, bytes: 0 },
  };
  /** @type {Set<string>} */
  const made = new Set();
  /** @param {string} rel */
  const ensureDir = (rel) => {
    if (rel === '' || made.has(rel)) return;
    mkdirSync(join(root, rel), { recursive: true });
    made.add(rel);
  };
  /** @param {string} rel @param {string} text @param {number} lineCount @param {keyof Summary['largest']} [kind] */
  const write = (rel, text, lineCount, kind) => {
    ensureDir(rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
    writeFileSync(join(root, rel), text);
    const size = Buffer.byteLength(text);
    files++;
    lines += lineCount;
    bytes += size;
    if (kind && size > largest[kind].bytes) largest[kind] = { path: rel, lines: lineCount, bytes: size };
  };
  /** @param {string} rel @param {string[]} out @param {keyof Summary['largest']} kind */
  const writeLines = (rel, out, kind) => write(rel, out.join('\n') + '\n', out.length, kind);

  /** @type {Mistake[]} */
  const mistakes = [];
  /** @type {Record<string, string>} */
  const serviceEnvironments = {};

  envNames.forEach((env, envIndex) => {
    const rng = new Rng(subSeed(seed, envIndex + 1));
    const base = `inventories/${env}`;
    serviceEnvironments[`k8s/${env}/**`] = env;

    // Ports: unique per environment among the Kubernetes apps.
    const ports = nodePorts(rng, kube.length);
    /** @type {Map<string, number>} */
    const portOf = new Map(kube.map((app, i) => [app.key, ports[i]]));
    const usedPorts = new Set(ports);

    // The deliberate mistakes: alternately a stream port one off, and a Service nodePort that differs.
    /** @type {Map<string, { kind: Mistake['kind'], actual: number }>} */
    const wrong = new Map();
    const looseCount = new Map();
    for (const app of kube) for (const name of new Set([looseName(app.key), looseName(app.serviceName), looseName(app.label)])) looseCount.set(name, (looseCount.get(name) ?? 0) + 1);
    const candidates = rng.shuffle(kube.filter((app) => !app.templatedStream));
    /** @param {AppSpec} app @param {Mistake['kind']} kind @returns {number | undefined} a free port for the mistake */
    const wrongPort = (app, kind) => {
      if (kind === 'service-nodeport') {
        // The Service must still be found by name once its nodePort no longer matches the chain.
        const key = looseName(app.key);
        if (looseCount.get(key) !== 1 || (looseName(app.serviceName) !== key && looseName(app.label) !== key)) return undefined;
      }
      const port = /** @type {number} */ (portOf.get(app.key));
      const near = rng.chance(0.5) ? [port + 1, port - 1] : [port - 1, port + 1];
      const free = (/** @type {number} */ p) => p >= NODE_PORT_MIN && p <= NODE_PORT_MAX && !usedPorts.has(p);
      const actual = near.find(free);
      if (actual !== undefined || kind === 'stream-port') return actual;
      for (let tries = 0; tries < 10000; tries++) {
        const p = NODE_PORT_MIN + rng.int(NODE_PORT_MAX - NODE_PORT_MIN + 1);
        if (free(p)) return p;
      }
      return undefined;
    };
    for (let m = 0; m < mismatches; m++) {
      /** @type {Mistake['kind'][]} the other kind when no app fits (few Services can be linked by name) */
      const kinds = m % 2 === 0 ? ['stream-port', 'service-nodeport'] : ['service-nodeport', 'stream-port'];
      placed: for (const kind of kinds) {
        for (const app of candidates) {
          if (wrong.has(app.key)) continue;
          const actual = wrongPort(app, kind);
          if (actual === undefined) continue;
          usedPorts.add(actual); // never another app's port: the mistake must not link to another chain
          wrong.set(app.key, { kind, actual });
          break placed;
        }
      }
    }

    // hosts.yml
    writeLines(`${base}/hosts.yml`, renderHosts(env, new Rng(subSeed(seed, 1000 + envIndex))), 'hosts');

    // group_vars/all/apps.yml
    const appsOut = [
      '---', `# Ports of the apps of ${env}. Kubernetes apps: their NodePort (${NODE_PORT_MIN}-${NODE_PORT_MAX}), used by`,
      '# HAProxy (kube_gateway_pool/proxy.yml) and by the Nginx streams (webservers_pool/routes.yml).', 'app:',
    ];
    for (const app of apps_) {
      if (app.nat) appsOut.push(`  ${app.key}:`, `    port: ${app.natPort}  # behind ${NAT_GROUP}, not in Kubernetes`);
      else appsOut.push(`  ${app.key}:`, `    port: ${portOf.get(app.key)}`);
    }
    writeLines(`${base}/group_vars/all/apps.yml`, appsOut, 'apps');

    // kube_gateway_pool/proxy.yml
    const proxyOut = ['---', `# HAProxy frontends of ${env}: one per app exposed by a Kubernetes NodePort Service.`];
    for (const app of kube) renderProxy(proxyOut, app);
    writeLines(`${base}/${GATEWAY_GROUP}/proxy.yml`, proxyOut, 'proxy');

    // webservers_pool/routes.yml
    const routesRel = `${base}/webservers_pool/routes.yml`;
    const routesOut = ['---', `# Nginx routes of ${env}. Streams on ${GATEWAY_GROUP} go through HAProxy to the NodePort Services.`];
    for (const app of apps_) {
      const mistake = wrong.get(app.key);
      const port = app.nat ? app.natPort : app.templatedStream ? `"{{ app.${app.key}.port }}"` : /** @type {number} */ (portOf.get(app.key));
      const streamPort = mistake?.kind === 'stream-port' ? mistake.actual : port;
      const line = renderRoute(routesOut, app, streamPort);
      if (mistake?.kind === 'stream-port') {
        mistakes.push({ env, app: app.key, kind: 'stream-port', code: 'port-mismatch', file: routesRel, line, expected: /** @type {number} */ (portOf.get(app.key)), actual: mistake.actual });
      }
    }
    writeLines(routesRel, routesOut, 'routes');

    // k8s/<env>/<namespace>/<app>-service.yml
    for (const app of kube) {
      const mistake = wrong.get(app.key);
      const port = /** @type {number} */ (portOf.get(app.key));
      const nodePort = mistake?.kind === 'service-nodeport' ? mistake.actual : port;
      const rel = `k8s/${env}/${app.namespace}/${app.key.replace(/_/g, '-')}-service.yml`;
      const service = renderService(app, nodePort);
      write(rel, service.text, service.lines, 'service');
      if (mistake?.kind === 'service-nodeport') {
        mistakes.push({ env, app: app.key, kind: 'service-nodeport', code: 'port-mismatch', file: rel, line: service.nodePortLine, expected: port, actual: nodePort });
      }
    }
  });

  // Services belong to the environment of their folder (nodePorts are unique per environment only).
  const settings = JSON.stringify({ serviceEnvironments }, null, 2) + '\n';
  write('.kube-expose.json', settings, settings.split('\n').length - 1);

  /** @type {Summary} */
  const summary = {
    dir: root,
    seed,
    envs: envNames,
    appsPerEnv: apps,
    kubeApps: kube.length * envNames.length,
    natApps: (apps_.length - kube.length) * envNames.length,
    files,
    lines,
    bytes,
    largest,
    mistakes,
    ms: 0,
  };
  summary.ms = Math.round(performance.now() - started);
  // Without the absolute folder and the timing, so that the file depends on the options only.
  const expected = Object.fromEntries(Object.entries(summary).filter(([key]) => key !== 'dir' && key !== 'ms'));
  writeFileSync(join(root, 'EXPECTED.json'), JSON.stringify(expected, null, 2) + '\n');
  return summary;
}

// ---------------------------------------------------------------------------------------------------------
// CLI

/** @param {number} n */
const group = (n) => n.toLocaleString('en-US');

/** @param {string} size @param {Summary} s */
function summaryLine(size, s) {
  const mb = (s.bytes / 1024 / 1024).toFixed(2);
  return `${size}: ${s.envs.length} env x ${group(s.appsPerEnv)} apps, ${group(s.files)} files, ${group(s.lines)} lines, ${mb} MiB, `
    + `largest routes.yml ${group(s.largest.routes.lines)} lines (${s.largest.routes.path}), ${s.mistakes.length} mistakes, ${s.ms} ms -> ${s.dir}`;
}

function usage() {
  return 'usage: node bench/generate.mjs --size small|medium|large|all[,...] [--seed N] [--out DIR] [--mismatches N] [--force]';
}

/** @param {string[]} argv */
function main(argv) {
  /** @type {Record<string, string>} */
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(usage());
      return 0;
    }
    if (arg === '--force') {
      args.force = 'true';
      continue;
    }
    const match = /^--(size|seed|out|mismatches)(?:=(.*))?$/.exec(arg);
    if (!match) {
      console.error(`unknown argument ${arg}\n${usage()}`);
      return 2;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) {
      console.error(`--${match[1]} needs a value\n${usage()}`);
      return 2;
    }
    args[match[1]] = value;
  }
  const sizes = (args.size ?? 'small').split(',').flatMap((s) => (s === 'all' ? Object.keys(SIZES) : [s]));
  const unknown = sizes.filter((s) => !(s in SIZES));
  const seed = args.seed === undefined ? 1 : Number(args.seed);
  const mismatches = args.mismatches === undefined ? 3 : Number(args.mismatches);
  if (unknown.length || !Number.isInteger(seed) || !Number.isInteger(mismatches) || mismatches < 0) {
    console.error(`${unknown.length ? `unknown size ${unknown.join(', ')}` : 'seed and mismatches must be integers'}\n${usage()}`);
    return 2;
  }
  const here = dirname(fileURLToPath(import.meta.url));
  for (const size of sizes) {
    const { envs, apps } = SIZES[/** @type {SizeName} */ (size)];
    const dir = args.out === undefined ? join(here, 'repos', size) : sizes.length > 1 ? join(args.out, size) : args.out;
    const summary = generateRepository({ dir, seed, envs, apps, mismatches, force: args.force === 'true' });
    console.log(summaryLine(size, summary));
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
