// Browser-facing hardening: security headers (@fastify/helmet) and CORS for the dashboard's
// origin only (issue 4). The dashboard sends credentials (its login cookie rides with its own
// server, but the page may call us with a Bearer header), so the origin is never `*`.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export type SecurityOptions = { dashboardOrigin: string };

export const securityPlugin = fp(
  async (app: FastifyInstance, opts: SecurityOptions) => {
    // The default CSP (self only) suits the JSON API and swagger-ui, whose scripts are files here.
    await app.register(helmet, { global: true });
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
