// Socket tickets (CONTRACT.md, POST /auth/ws-token): HS256 JWTs from the query service with
// audience `fanout`. Verified synchronously with node:crypto (HMAC-SHA256, timing-safe compare):
// the upgrade then completes inside uWS's own callback (no promise, abort handler and re-cork
// per connection), which matters when thousands of sockets reconnect at once, and it costs a few
// µs instead of a WebCrypto round trip. The checks are the ones RFC 7519/8725 ask for: the
// algorithm is pinned (no `none`, no HS512 or RS256 confusion), the signature is compared in
// constant time, then exp/nbf, issuer and audience; a login token (audience `tickstock-api`)
// fails the audience check, so it never opens a socket.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@tickstock/contracts';

export type Ticket = { sub: string; role: string; loginExpMs: number };

export type TicketRefusal = 'missing' | 'expired' | 'audience' | 'invalid';

export type TicketCheck = { ok: true; ticket: Ticket } | { ok: false; reason: TicketRefusal };

export type TicketVerifier = (token: string) => TicketCheck;

/** Tickets are small; anything longer is not one of ours (and is not worth hashing). */
const MAX_TOKEN_LENGTH = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function createTicketVerifier(secret: string, opts: { now?: () => number } = {}): TicketVerifier {
  const key = Buffer.from(secret, 'utf8');
  const now = opts.now ?? Date.now;
  const refuse = (reason: TicketRefusal): TicketCheck => ({ ok: false, reason });

  return (token) => {
    if (!token) return refuse('missing');
    if (token.length > MAX_TOKEN_LENGTH) return refuse('invalid');
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return refuse('invalid');
    const [head, body, signature] = parts as [string, string, string];

    const header = parseJson(head);
    if (header?.alg !== 'HS256') return refuse('invalid');
    const expected = createHmac('sha256', key).update(`${head}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse('invalid');

    const claims = parseJson(body);
    if (!claims) return refuse('invalid');
    const t = now() / 1000;
    const { exp, nbf, iss, aud, sub, role, login_exp: loginExp } = claims;
    if (typeof exp !== 'number') return refuse('invalid');
    if (exp <= t) return refuse('expired');
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf > t)) return refuse('invalid');
    if (iss !== TOKEN_ISSUER) return refuse('invalid');
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(TOKEN_AUDIENCE.ticket)) return refuse('audience');
    // Only now the ticket's own claims: a login token has no login_exp, and was refused above for its audience.
    if (typeof sub !== 'string' || typeof loginExp !== 'number') return refuse('invalid');
    // A ticket outliving its login must not open a socket that would close at once with 4001.
    if (loginExp <= t) return refuse('expired');
    return { ok: true, ticket: { sub, role: typeof role === 'string' ? role : 'viewer', loginExpMs: loginExp * 1000 } };
  };
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
