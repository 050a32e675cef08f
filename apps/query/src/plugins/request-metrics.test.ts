import { Writable } from 'node:stream';
import { createLogger, createRegistry } from '@tickstock/observability';
import Fastify, { LogController } from 'fastify';
import { describe, expect, it } from 'vitest';
import { requestMetricsPlugin } from './request-metrics';

async function appLoggingAt(level: string) {
  const lines: { msg?: string; status?: number; level?: number }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as (typeof lines)[number]);
      done();
    },
  });
  const app = Fastify({ loggerInstance: createLogger({ name: 'query', level, destination }), logController: new LogController({ disableRequestLogging: true }) });
  await app.register(requestMetricsPlugin, { registry: createRegistry('query', { defaultMetrics: false }) });
  app.get('/ok', () => ({ ok: true }));
  app.get('/refused', (_request, reply) => reply.status(401).send({ error: 'no' }));
  app.get('/failed', (_request, reply) => reply.status(503).send({ error: 'down' }));
  return { app, requestLines: () => lines.filter((l) => l.msg === 'request').map((l) => l.status) };
}

describe('requestMetricsPlugin', () => {
  it('at info, logs refused and failed requests but not answered ones', async () => {
    const { app, requestLines } = await appLoggingAt('info');
    try {
      for (const url of ['/ok', '/refused', '/failed']) await app.inject({ method: 'GET', url });
      expect(requestLines()).toEqual([401, 503]);
    } finally {
      await app.close();
    }
  });

  it('at debug, logs every request', async () => {
    const { app, requestLines } = await appLoggingAt('debug');
    try {
      for (const url of ['/ok', '/refused', '/failed']) await app.inject({ method: 'GET', url });
      expect(requestLines()).toEqual([200, 401, 503]);
    } finally {
      await app.close();
    }
  });
});
