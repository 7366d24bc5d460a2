import type { DiagnosticCode } from './types';

/** One line per code, for reports that list their rules (SARIF) and for the README's table. */
export const CODE_TITLES: Readonly<Record<DiagnosticCode, string>> = {
  'yaml-syntax': 'The file is not valid YAML.',
  schema: "A value does not match the file's schema.",
  'port-mismatch': "One hop of an app's chain carries another port than the rest.",
  'nodeport-range': 'A Service nodePort lies outside the node-port range.',
  'duplicate-nodeport': 'Two Service ports use the same nodePort in the same cluster.',
  'duplicate-port': 'Two HAProxy frontends of one environment listen on the same port.',
  'duplicate-stream': 'Two Nginx routes of one environment define the same stream.',
  'duplicate-location': 'Two Nginx routes of one environment serve the same location.',
  'unknown-variable': 'A Jinja reference names a variable the environment does not define.',
  'unknown-group': "A group is not in the environment's inventory.",
  'unknown-stream': 'proxy_pass names no stream of the environment.',
  'missing-link': 'A route to the Kubernetes gateway has no HAProxy entry, or an HTTP frontend has no Nginx route.',
  'service-type': 'A Service with a nodePort, or reached by a chain, is not of type NodePort or LoadBalancer.',
  'file-skipped': 'A file could not be checked.',
};
