// The claims of the two tokens this service issues (contracts/auth.ts): a login token for the
// REST API and a 60-second socket ticket for the fanout, told apart by their audience.
// Claims are built here in full (exp included) so the ticket's `login_exp` is exactly the login's `exp`.
import { TICKET_TTL_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER, type LoginClaims, type Role, type TicketClaims } from '@tickstock/contracts';

export type TokenSubject = { username: string; role: Role };

export function loginClaims(user: TokenSubject, nowSeconds: number, ttlSeconds: number): LoginClaims {
  return { sub: user.username, role: user.role, aud: TOKEN_AUDIENCE.login, iss: TOKEN_ISSUER, iat: nowSeconds, exp: nowSeconds + ttlSeconds };
}

export function ticketClaims(login: Pick<LoginClaims, 'sub' | 'role' | 'exp'>, nowSeconds: number): TicketClaims {
  return {
    sub: login.sub,
    role: login.role,
    aud: TOKEN_AUDIENCE.ticket,
    iss: TOKEN_ISSUER,
    iat: nowSeconds,
    exp: nowSeconds + TICKET_TTL_SECONDS,
    login_exp: login.exp,
  };
}

/**
 * The token of an `Authorization: Bearer <token>` header, or null. The scheme is matched without
 * regard to case (RFC 7235 §2.1); anything else — no header, another scheme, an empty or
 * space-containing token — is no token.
 */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  return match?.[1] ?? null;
}
