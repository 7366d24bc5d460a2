import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE } from './paths';

export const APPS = 'inventories/protobox/group_vars/all/apps.yml';
export const PROXY = 'inventories/protobox/kube_gateway_pool/proxy.yml';
export const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
export const SERVICE = 'k8s/monitoring/grafana-service.yml';

export const original = (relative: string): string => readFileSync(join(EXAMPLE, relative), 'utf8');

/** The example's files after `scaffold --app grafana --namespace monitoring --target-port 3000 --location /grafana/`. */
export const EXPECTED: Record<string, string> = {
  [APPS]: `${original(APPS)}  grafana:\n    port: 30000\n`,
  [PROXY]: `${original(PROXY)}\ngrafana:\n  mode: http\n  address: "*"\n  port: "{{ app.grafana.port }}"\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: "{{ app.grafana.port }}"\n    balance: roundrobin\n    options:\n      - httplog\n`,
  [ROUTES]: `${original(ROUTES)}\ngrafana:\n  webserver:\n    - location: /grafana/\n      params:\n        proxy_set_header:\n          type: repeat\n          values:\n            Host: $http_host\n            X-Real-IP: $remote_addr\n            X-Forwarded-For: $proxy_add_x_forwarded_for\n        proxy_pass:\n          values: http://stream_grafana\n  stream:\n    name: stream_grafana\n    port: "{{ app.grafana.port }}"\n    group: kube_gateway_pool\n`,
  [SERVICE]: 'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: grafana\n  name: grafana\n  namespace: monitoring\nspec:\n  ports:\n    - name: grafana-port\n      nodePort: 30000\n      port: 80\n      targetPort: 3000\n  selector:\n    app: grafana\n  type: NodePort\n',
};
