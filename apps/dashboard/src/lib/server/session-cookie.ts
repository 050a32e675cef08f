// The login token's cookie. httpOnly (page scripts never see it), SameSite=Lax (not sent on
// cross-site subrequests or POSTs; a top-level link from elsewhere still finds the user logged
// in), Secure whenever the dashboard is served over https. It expires with the token.
import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'tickstock_session';

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresInSeconds: number): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: Math.max(1, Math.floor(expiresInSeconds)),
  });
}

export function clearSessionCookie(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}

export type TokenClaims = { sub: string | null; exp: number | null };

/**
 * The token's claims, read WITHOUT checking the signature: only to show the user name and to
 * treat an expired cookie as logged out before a round trip. The query service verifies it.
 */
export function peekClaims(token: string): TokenClaims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof json !== 'object' || json === null) return null;
    const { sub, exp } = json as { sub?: unknown; exp?: unknown };
    return { sub: typeof sub === 'string' ? sub : null, exp: typeof exp === 'number' ? exp : null };
  } catch {
    return null;
  }
}

/** Where the login page sends the user after logging in: only a path of this site. */
export function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/streaming';
  return raw;
}

export function loginUrl(from: URL, reason?: 'expired'): string {
  const params = new URLSearchParams();
  const next = `${from.pathname}${from.search}`;
  if (next !== '/' && !from.pathname.startsWith('/login')) params.set('next', next);
  if (reason) params.set('reason', reason);
  const s = params.toString();
  return s ? `/login?${s}` : '/login';
}
