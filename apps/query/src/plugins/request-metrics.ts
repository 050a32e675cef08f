// Request durations by route and status (/metrics) and one log line per request with its id:
// refused and failed requests at info and error, answered ones at debug (LOG_LEVEL=debug shows every request).
// The route label is the route's pattern (`/streaming/api/patterns/:symbol`), never the raw URL:
// symbols and 404 probes would otherwise grow the series without bound.
import { histogram, type Registry } from '@tickstock/observability';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export type RequestMetricsOptions = { registry: Registry };

export const requestMetricsPlugin = fp(
  (app: FastifyInstance, opts: RequestMetricsOptions) => {
    const duration = histogram(opts.registry, 'http_request_duration_seconds', 'HTTP request duration by route and status', {
      labelNames: ['method', 'route', 'status_code'],
    });
    app.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      done();
    });
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const status = reply.statusCode;
      duration.observe({ method: request.method, route, status_code: String(status) }, reply.elapsedTime / 1000);
      // The path only: a query string is the caller's business (and a ticket would ride there).
      const line = { method: request.method, route, path: request.url.split('?')[0], status, ms: Math.round(reply.elapsedTime * 100) / 100 };
      if (status >= 500) request.log.error(line, 'request');
      else if (status >= 400) request.log.info(line, 'request');
      // Answered requests are counted above; their line is debug: at 1,000 requests/s writing one
      // line each cost ~45 µs of CPU per request (a synchronous write per line, tools/bench/src/query/profile.ts).
      else request.log.debug(line, 'request');
      done();
    });
  },
  { name: 'request-metrics', fastify: '5.x' },
);
