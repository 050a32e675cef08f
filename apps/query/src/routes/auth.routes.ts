// POST /auth/login, POST /auth/ws-token, GET /auth/me (CONTRACT.md, "REST").
import { ErrorBody, LoginRequest, LoginResponse, MeResponse, TICKET_TTL_SECONDS, WsTokenResponse } from '@tickstock/contracts';
import { TypeBoxValidatorCompiler, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { LoginService } from '../auth/login-service';
import { rateLimited, unauthorized } from '../errors/app-error';

export type AuthRoutesOptions = { login: LoginService; loginRatePerMinute: number };

const bearer = [{ bearerAuth: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 429: ErrorBody, 500: ErrorBody, 503: ErrorBody };

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = (app, opts) => {
  app.post(
    '/auth/login',
    {
      // Per client address (@fastify/rate-limit); the per-account lockout is the login service's.
      config: { rateLimit: { max: opts.loginRatePerMinute, timeWindow: 60_000 } },
      // TypeBox's own check for the body: it does not coerce (AJV's query-friendly coercion
      // would let `"password": 5` through as "5").
      validatorCompiler: TypeBoxValidatorCompiler,
      schema: {
        tags: ['auth'],
        summary: 'Log in: a Bearer token for the REST API',
        body: LoginRequest,
        response: { 200: LoginResponse, ...errors },
      },
    },
    async (request) => {
      const outcome = await opts.login.attempt(request.body.username, request.body.password);
      if (!outcome.ok) {
        // One message for an unknown user and a wrong password: it must not tell which it was.
        if (outcome.reason === 'locked') throw rateLimited('too many failed logins for this account; try again later');
        throw unauthorized('invalid username or password');
      }
      const { token, expiresIn } = app.tokens.issueLogin(outcome.user);
      request.log.info({ username: outcome.user.username }, 'login');
      return { token, token_type: 'Bearer' as const, expires_in: expiresIn };
    },
  );

  app.post(
    '/auth/ws-token',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'A 60-second socket ticket for the fanout WebSocket',
        security: bearer,
        response: { 200: WsTokenResponse, ...errors },
      },
    },
    (request) => ({ token: app.tokens.issueTicket(request.user), expires_in: TICKET_TTL_SECONDS }) as const,
  );

  app.get(
    '/auth/me',
    {
      onRequest: app.authenticate,
      schema: { tags: ['auth'], summary: 'Who the token belongs to', security: bearer, response: { 200: MeResponse, ...errors } },
    },
    (request) => ({ username: request.user.sub, role: request.user.role }),
  );
  return Promise.resolve();
};
