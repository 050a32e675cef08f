// /healthz, /readyz and /metrics on the socket port (CONTRACT.md: the fanout serves both there).
import { opsResponse, type Health, type Registry } from '@tickstock/observability';
import type { HttpResponse, TemplatedApp } from 'uWebSockets.js';

const NOT_FOUND = JSON.stringify({ error: { code: 'NOT_FOUND', message: 'not found' } });

export function addOpsRoutes(app: TemplatedApp, health: Health, registry: Registry, metricsToken: string | undefined): void {
  for (const path of ['/healthz', '/readyz', '/metrics'] as const) {
    app.get(path, (res, req) => {
      const authorization = req.getHeader('authorization');
      let aborted = false;
      res.onAborted(() => {
        aborted = true;
      });
      opsResponse(path, health, registry, { metricsToken, authorization }).then(
        (answer) => {
          if (aborted || !answer) return;
          res.cork(() => res.writeStatus(statusLine(answer.status)).writeHeader('content-type', answer.contentType).end(answer.body));
        },
        () => {
          if (!aborted) res.cork(() => res.writeStatus('500 Internal Server Error').end());
        },
      );
    });
  }
  app.any('/*', (res: HttpResponse) => {
    res.writeStatus('404 Not Found').writeHeader('content-type', 'application/json; charset=utf-8').end(NOT_FOUND);
  });
}

function statusLine(status: number): string {
  return status === 200 ? '200 OK' : status === 401 ? '401 Unauthorized' : status === 503 ? '503 Service Unavailable' : `${status} Error`;
}
