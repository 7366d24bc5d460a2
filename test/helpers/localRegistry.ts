import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An npm registry on 127.0.0.1 that knows one package, from one tarball: so that `npx kube-expose` and
 * `npm install -g kube-expose` run as documented, offline, and can never fetch someone else's package.
 */
export class LocalRegistry {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async serve(tarball: string, manifest: { name: string; version: string }): Promise<LocalRegistry> {
    const bytes = readFileSync(tarball);
    const file = `${manifest.name}-${manifest.version}.tgz`;
    let url = '';
    const server = createServer((request, response) => {
      const path = decodeURIComponent(request.url ?? '');
      if (path === `/${manifest.name}`) {
        const packument = {
          name: manifest.name,
          'dist-tags': { latest: manifest.version },
          versions: {
            [manifest.version]: {
              ...manifest,
              dist: {
                tarball: `${url}${manifest.name}/-/${file}`,
                shasum: createHash('sha1').update(bytes).digest('hex'),
                integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
              },
            },
          },
        };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
      } else if (path === `/${manifest.name}/-/${file}`) {
        response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
      } else {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    return new LocalRegistry(server, url);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
