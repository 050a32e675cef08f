// Tokens as the query service issues them (HS256, contracts/auth.ts), for the tests to present.
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@tickstock/contracts';
import { SignJWT } from 'jose';

export const TEST_SECRET = 'fanout-tests-secret-0123456789abcdef';

export type TicketOptions = {
  secret?: string;
  audience?: string;
  issuer?: string;
  /** Seconds from now; negative for an expired ticket. */
  expiresIn?: number;
  /** Seconds from now until the login behind the ticket expires. */
  loginExpiresIn?: number;
  sub?: string;
};

export function ticket(opts: TicketOptions = {}): Promise<string> {
  const nowS = Math.floor(Date.now() / 1000);
  const login = opts.loginExpiresIn ?? 3600;
  const payload: Record<string, unknown> = { role: 'viewer' };
  if ((opts.audience ?? TOKEN_AUDIENCE.ticket) === TOKEN_AUDIENCE.ticket) payload.login_exp = Math.floor(Date.now() / 1000 + login);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(opts.sub ?? 'alice')
    .setAudience(opts.audience ?? TOKEN_AUDIENCE.ticket)
    .setIssuer(opts.issuer ?? TOKEN_ISSUER)
    .setIssuedAt(nowS - 1)
    .setExpirationTime(nowS + (opts.expiresIn ?? 60))
    .sign(new TextEncoder().encode(opts.secret ?? TEST_SECRET));
}

/** A login token (audience tickstock-api): must never open a socket. */
export const loginToken = () => ticket({ audience: TOKEN_AUDIENCE.login });
