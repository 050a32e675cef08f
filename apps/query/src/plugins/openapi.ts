// The OpenAPI document, built by @fastify/swagger from the routes' TypeBox schemas (so it cannot
// drift from what is validated and serialized), served at /openapi.json and browsable at /docs.
// OpenAPI 3.1: its schemas are JSON Schema 2020-12, so TypeBox's `patternProperties` pass as they are.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'TickStock query API',
          version: '1.0.0',
          description: 'Login and the streaming history: patterns, indicators, alerts, summary, live status.',
        },
        components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
        tags: [
          { name: 'auth', description: 'Login tokens and socket tickets' },
          { name: 'streaming', description: 'Streaming history and status (Bearer login token)' },
          { name: 'ops', description: 'Probes and metrics' },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  },
  { name: 'openapi', fastify: '5.x' },
);
