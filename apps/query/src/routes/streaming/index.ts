// Everything under /streaming/api needs a login token (CONTRACT.md): one hook for the whole
// encapsulated context, so a route added here cannot forget it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Repositories } from '@tickstock/db';
import type { StatusService } from '../../status/status-service';
import { strictIntegerQuery } from '../../schemas/strict-integers';
import type { SummaryCache } from '../../summary/summary-cache';
import { historyRoutes } from './history.routes';
import { liveRoutes } from './live.routes';

export type StreamingRoutesOptions = {
  repos: Pick<Repositories, 'patterns' | 'indicators' | 'alerts'>;
  status: StatusService;
  summary: SummaryCache;
};

export const streamingRoutes: FastifyPluginAsyncTypebox<StreamingRoutesOptions> = async (app, opts) => {
  app.addHook('onRequest', app.authenticate);
  app.addHook('preValidation', strictIntegerQuery);
  await app.register(historyRoutes, { repos: opts.repos });
  await app.register(liveRoutes, { status: opts.status, summary: opts.summary });
};
