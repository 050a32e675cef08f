// Socket tickets (CONTRACT.md, POST /auth/ws-token): HS256 JWTs from the query service with
// audience `fanout`. Verified with `jose` (zero dependencies, maintained, runs on Node 20), which
// pins the algorithm, checks signature, exp/nbf, issuer and audience; a login token (audience
// `tickstock-api`) fails the audience check, so it never opens a socket.
import { errors, jwtVerify } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@tickstock/contracts';

export type Ticket = { sub: string; role: string; loginExpMs: number };

export type TicketRefusal = 'missing' | 'expired' | 'audience' | 'invalid';

export type TicketCheck = { ok: true; ticket: Ticket } | { ok: false; reason: TicketRefusal };

export type TicketVerifier = (token: string) => Promise<TicketCheck>;

export function createTicketVerifier(secret: string, opts: { now?: () => number } = {}): TicketVerifier {
  const key = new TextEncoder().encode(secret);
  const now = opts.now ?? Date.now;
  return async (token) => {
    if (!token) return { ok: false, reason: 'missing' };
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        audience: TOKEN_AUDIENCE.ticket,
        issuer: TOKEN_ISSUER,
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(now()),
      });
      const loginExp = payload.login_exp;
      if (typeof loginExp !== 'number' || !Number.isFinite(loginExp) || typeof payload.sub !== 'string') {
        return { ok: false, reason: 'invalid' };
      }
      // A ticket outliving its login (clock games) must not open a socket that closes at once.
      if (loginExp * 1000 <= now()) return { ok: false, reason: 'expired' };
      const role = typeof payload.role === 'string' ? payload.role : 'viewer';
      return { ok: true, ticket: { sub: payload.sub, role, loginExpMs: loginExp * 1000 } };
    } catch (err) {
      return { ok: false, reason: refusalOf(err) };
    }
  };
}

function refusalOf(err: unknown): TicketRefusal {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'aud') return 'audience';
  return 'invalid';
}
