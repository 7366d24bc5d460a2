/**
 * The Jinja reference to an app's port, quoted for YAML. A name that is not a Jinja identifier (`my-app`)
 * must be indexed with brackets, or Jinja reads `app.my - app.port`.
 */
export function appPortReference(app: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(app) ? `"{{ app.${app}.port }}"` : `"{{ app['${app}'].port }}"`;
}

import { render, type TextStyle } from './style';

export interface HaproxyEntry {
  readonly app: string;
  /** Written as is: a number or a quoted template such as "{{ app.web.port }}". */
  readonly port: string;
  readonly group: string;
  readonly mode?: string;
  readonly balance?: string;
}

/** An HAProxy entry in the seed's layout. */
export function haproxyEntry(entry: HaproxyEntry, style: TextStyle, base = ''): string {
  return render(
    [
      [0, `${entry.app}:`],
      [1, `mode: ${entry.mode ?? 'http'}`],
      [1, 'address: "*"'],
      [1, `port: ${entry.port}`],
      [1, 'destination:'],
      [2, 'group:'],
      [3, `name: ${entry.group}`],
      [3, `port: ${entry.port}`],
      [2, `balance: ${entry.balance ?? 'roundrobin'}`],
      [2, 'options:'],
      [3, '- httplog'],
    ],
    style,
    base,
  );
}

export interface NginxRoute {
  readonly app: string;
  readonly location: string;
  readonly stream: string;
  readonly port: string;
  readonly group: string;
}

/** An Nginx route with its proxy_set_header block and its stream, in the seed's layout. */
export function nginxRoute(route: NginxRoute, style: TextStyle, base = ''): string {
  const u = style.indent;
  // Keys inside a list item line up after its "- ".
  const item = `${u}${u}  `;
  const lines = [
    `${route.app}:`,
    `${u}webserver:`,
    `${u}${u}- location: ${route.location}`,
    `${item}params:`,
    `${item}${u}proxy_set_header:`,
    `${item}${u}${u}type: repeat`,
    `${item}${u}${u}values:`,
    `${item}${u}${u}${u}Host: $http_host`,
    `${item}${u}${u}${u}X-Real-IP: $remote_addr`,
    `${item}${u}${u}${u}X-Forwarded-For: $proxy_add_x_forwarded_for`,
    `${item}${u}proxy_pass:`,
    `${item}${u}${u}values: http://${route.stream}`,
    `${u}stream:`,
    `${u}${u}name: ${route.stream}`,
    `${u}${u}port: ${route.port}`,
    `${u}${u}group: ${route.group}`,
  ];
  return lines.map((line) => `${base}${line}`).join(style.eol);
}

export function appPortVariable(app: string, port: number, style: TextStyle, base = ''): string {
  return render(
    [
      [0, `${app}:`],
      [1, `port: ${port}`],
    ],
    style,
    base,
  );
}
