// Stored history: patterns and indicators of one symbol, and alerts (CONTRACT.md, "REST"),
// newest first, straight from the repositories (db/README.md: windows are `timestamp >= now - hours`).
// Patterns and indicators, the hot paths, come back from PostgreSQL as the JSON body itself and
// are sent as they are: parsing 100-200 rows and serializing them again was most of the CPU a
// request cost, enough to saturate the process at 1,000 requests/s (tools/bench/src/query.bench.ts).
// db's tests hold that text equal to what listBySymbol returns; the schemas below still document it.
import { AlertRecord, IndicatorRecord, PatternRecord } from '@tickstock/contracts';
import type { Repositories } from '@tickstock/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AlertsQuery, IndicatorsQuery, PatternsQuery, SymbolPath } from '../../schemas/params';
import { bearer, errorResponses } from './schemas';

/** A body that is JSON text already: Fastify sends a string as is (no response serializer). */
function sendJsonText(reply: FastifyReply, text: string) {
  return reply.type('application/json; charset=utf-8').send(text);
}

export type HistoryRoutesOptions = { repos: Pick<Repositories, 'patterns' | 'indicators' | 'alerts'> };

export const historyRoutes: FastifyPluginAsyncTypebox<HistoryRoutesOptions> = (app, { repos }) => {
  app.get(
    '/patterns/:symbol',
    {
      schema: {
        tags: ['streaming'],
        summary: "A symbol's pattern detections of the last hours, newest first",
        security: bearer,
        params: SymbolPath,
        querystring: PatternsQuery,
        response: { 200: Type.Array(PatternRecord), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendJsonText(
        reply,
        await repos.patterns.listBySymbolJson({ symbol: request.params.symbol.toUpperCase(), hours: request.query.hours, limit: request.query.limit }),
      ),
  );

  app.get(
    '/indicators/:symbol',
    {
      schema: {
        tags: ['streaming'],
        summary: "A symbol's indicator values of the last hours, newest first",
        security: bearer,
        params: SymbolPath,
        querystring: IndicatorsQuery,
        response: { 200: Type.Array(IndicatorRecord), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendJsonText(
        reply,
        await repos.indicators.listBySymbolJson({
          symbol: request.params.symbol.toUpperCase(),
          hours: request.query.hours,
          indicatorType: request.query.indicator || undefined,
          limit: request.query.limit,
        }),
      ),
  );

  app.get(
    '/alerts',
    {
      schema: {
        tags: ['streaming'],
        summary: 'Indicator and critical alerts of the last hours, newest first',
        security: bearer,
        querystring: AlertsQuery,
        response: { 200: Type.Array(AlertRecord), ...errorResponses },
      },
    },
    (request) =>
      repos.alerts.list({
        hours: request.query.hours,
        alertType: request.query.alert_type || undefined,
        symbol: request.query.symbol ? request.query.symbol.toUpperCase() : undefined,
        limit: request.query.limit,
      }),
  );
  return Promise.resolve();
};
