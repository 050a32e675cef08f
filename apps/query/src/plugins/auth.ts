// Login tokens and socket tickets (@fastify/jwt, HS256 with JWT_SECRET), and `app.authenticate`,
// the hook that guards routes with a login token. A ticket is refused here by its audience, so a
// socket ticket leaked from a URL cannot be used as a REST token. A token that passed is
// remembered until its expiry (auth/token-cache.ts), so a client's every request is not verified anew.
import jwt from '@fastify/jwt';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type LoginClaims } from '@tickstock/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { unauthorized } from '../errors/app-error';
import { createTokenCache } from '../auth/token-cache';
import { bearerToken, loginClaims, ticketClaims, type TokenSubject } from '../auth/tokens';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    user: LoginClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: a valid login token in `Authorization: Bearer`, else 401. Sets request.user. */
    authenticate: (this: void, request: FastifyRequest) => Promise<void>;
    tokens: {
      issueLogin(user: TokenSubject): { token: string; expiresIn: number };
      issueTicket(login: LoginClaims): string;
    };
  }
}

export type AuthOptions = {
  secret: string;
  loginTtlSeconds: number;
  now?: () => number;
  /** Verified tokens remembered until they expire (auth/token-cache.ts); 10,000 by default. */
  tokenCacheSize?: number;
};

export const authPlugin = fp(
  async (app: FastifyInstance, opts: AuthOptions) => {
    const nowSeconds = () => Math.floor((opts.now ?? Date.now)() / 1000);
    await app.register(jwt, {
      secret: opts.secret,
      sign: { algorithm: 'HS256' },
      // The claims are built in full by auth/tokens.ts; verification pins algorithm, audience and issuer,
      // and requires them: fast-jwt checks allowedAud/allowedIss only when the claim is present.
      verify: { algorithms: ['HS256'], allowedAud: TOKEN_AUDIENCE.login, allowedIss: TOKEN_ISSUER, requiredClaims: ['sub', 'exp', 'aud', 'iss'] },
    });

    app.decorate('tokens', {
      issueLogin(user: TokenSubject) {
        const claims = loginClaims(user, nowSeconds(), opts.loginTtlSeconds);
        return { token: app.jwt.sign(claims), expiresIn: opts.loginTtlSeconds };
      },
      issueTicket(login: LoginClaims) {
        return app.jwt.sign(ticketClaims(login, nowSeconds()));
      },
    });

    // fast-jwt judges `exp` by Date.now(), not by opts.now (which only stamps the tokens we issue).
    const verified = createTokenCache<LoginClaims>({ maxEntries: opts.tokenCacheSize ?? 10_000, now: () => Date.now() });

    app.decorate('authenticate', (request: FastifyRequest) => {
      const token = bearerToken(request.headers.authorization);
      if (!token) return Promise.reject(unauthorized('a Bearer login token is required (Authorization: Bearer <token>)'));
      const known = verified.get(token);
      if (known) {
        request.user = known;
        return Promise.resolve();
      }
      try {
        const claims = app.jwt.verify<LoginClaims>(token);
        if (claims.role !== 'viewer' && claims.role !== 'admin') throw new Error('no role');
        verified.set(token, claims);
        request.user = claims;
        return Promise.resolve();
      } catch (err) {
        const expired = (err as { code?: unknown }).code === 'FAST_JWT_EXPIRED';
        return Promise.reject(unauthorized(expired ? 'token expired' : 'invalid token'));
      }
    });
  },
  { name: 'auth', fastify: '5.x' },
);
