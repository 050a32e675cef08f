// Browser-facing hardening: security headers (helmet) and CORS for the dashboard's origin only
// (issue 4). The dashboard sends credentials (its login cookie rides with its own server, but the
// page may call us with a Bearer header), so the origin is never `*`.
//
// helmet's headers are computed once, here: @fastify/helmet called helmet(options) on every
// request — building each middleware and the CSP string again — which cost ~70 µs of CPU per
// request (a quarter of the service's own work per history request at 1,000 requests/s;
// tools/bench/src/query/profile.ts). With no per-request directives (no nonces, no functions),
// the headers are the same for every response, so they are recorded once and set as they are.
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

export type SecurityOptions = { dashboardOrigin: string; helmet?: HelmetOptions };

/** The headers helmet's middleware sets for these options, as one object. */
export function helmetHeaders(options: HelmetOptions = {}): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
      return recorder;
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  // Synchronous, and since helmet 8.1 it throws rather than passing an error to the callback.
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw new Error('helmet refused its options', { cause: err });
  });
  return Object.freeze(headers);
}

export const securityPlugin = fp(
  async (app: FastifyInstance, opts: SecurityOptions) => {
    // The default CSP (self only) suits the JSON API and swagger-ui, whose scripts are files here.
    const headers = helmetHeaders(opts.helmet);
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
    await app.register(cors, {
      origin: [opts.dashboardOrigin],
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    });
  },
  { name: 'security', fastify: '5.x' },
);
