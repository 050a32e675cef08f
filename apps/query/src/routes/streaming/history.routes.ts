// Stored history: patterns and indicators of one symbol, and alerts (CONTRACT.md, "REST"),
// newest first, straight from the repositories (db/README.md: windows are `timestamp >= now - hours`).
import { AlertRecord, IndicatorRecord, PatternRecord } from '@tickstock/contracts';
import type { Repositories } from '@tickstock/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AlertsQuery, IndicatorsQuery, PatternsQuery, SymbolPath } from '../../schemas/params';
import { bearer, errorResponses } from './schemas';

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
    (request) =>
      repos.patterns.listBySymbol({ symbol: request.params.symbol.toUpperCase(), hours: request.query.hours, limit: request.query.limit }),
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
    (request) =>
      repos.indicators.listBySymbol({
        symbol: request.params.symbol.toUpperCase(),
        hours: request.query.hours,
        indicatorType: request.query.indicator || undefined,
        limit: request.query.limit,
      }),
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
