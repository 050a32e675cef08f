// /healthz, /readyz and /metrics (CONTRACT.md, "Processes"), answered by observability's opsResponse.
import type { Health, Registry } from '@tickstock/observability';
import { opsResponse, OPS_PATHS } from '@tickstock/observability';
import type { FastifyPluginAsync } from 'fastify';

export type OpsRoutesOptions = { health: Health; registry: Registry; metricsToken?: string | undefined };

export const opsRoutes: FastifyPluginAsync<OpsRoutesOptions> = (app, opts) => {
  for (const path of OPS_PATHS) {
    app.get(path, { schema: { tags: ['ops'] } }, async (request, reply) => {
      const answer = await opsResponse(path, opts.health, opts.registry, {
        metricsToken: opts.metricsToken,
        authorization: request.headers.authorization,
      });
      // opsResponse knows every path in OPS_PATHS; the fallback only satisfies the type.
      if (!answer) return reply.status(404).send();
      return reply.status(answer.status).type(answer.contentType).send(answer.body);
    });
  }
  return Promise.resolve();
};
