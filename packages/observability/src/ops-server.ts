// A bare node:http server for services with no HTTP framework of their own (the ingest).
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { opsResponse, type Health } from './health';

export function createOpsServer(health: Health, registry: Registry, opts: { metricsToken?: string | undefined } = {}): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    opsResponse(path, health, registry, { metricsToken: opts.metricsToken, authorization: req.headers.authorization }).then(
      (answer) => {
        if (!answer) res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NOT_FOUND","message":"not found"}}');
        else res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
      },
      () => res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"INTERNAL","message":"internal error"}}'),
    );
  });
}
