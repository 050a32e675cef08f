// Live state and the window summary (CONTRACT.md, "REST").
import { StatusResponse, SummaryResponse } from '@tickstock/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SummaryQuery } from '../../schemas/params';
import type { StatusService } from '../../status/status-service';
import type { SummaryCache } from '../../summary/summary-cache';
import { bearer, errorResponses } from './schemas';

export type LiveRoutesOptions = { status: StatusService; summary: SummaryCache };

export const liveRoutes: FastifyPluginAsyncTypebox<LiveRoutesOptions> = (app, opts) => {
  app.get(
    '/status',
    {
      schema: {
        tags: ['streaming'],
        summary: 'Whether the stream runs: ingest, session, producer health and counters',
        security: bearer,
        response: { 200: StatusResponse, ...errorResponses },
      },
    },
    () => opts.status.status(),
  );

  app.get(
    '/summary',
    {
      schema: {
        tags: ['streaming'],
        summary: 'Counts of the last hours: patterns by type, busiest symbols, totals',
        description: 'Shared by every caller and at most SUMMARY_CACHE_MS old (5 s by default).',
        security: bearer,
        querystring: SummaryQuery,
        response: { 200: SummaryResponse, ...errorResponses },
      },
    },
    (request) => opts.summary.get(request.query.hours),
  );
  return Promise.resolve();
};
