// Every request passes here: settings are checked once at start, every page except /login needs
// the login cookie, the theme is rendered into <html>, and a few security headers are set.
import { error, redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { dashboardConfig } from '$lib/server/env';
import { clearSessionCookie, loginUrl, peekClaims, SESSION_COOKIE } from '$lib/server/session-cookie';
import { parseTheme, THEME_COOKIE } from '$lib/theme';

/** A bad QUERY_URL or FANOUT_PUBLIC_URL stops the server at start, naming the variable. */
export const init: ServerInit = () => {
  dashboardConfig();
};

const isPublic = (path: string) => path === '/login' || path.startsWith('/login/');

const authenticate: Handle = ({ event, resolve }) => {
  const token = event.cookies.get(SESSION_COOKIE) ?? null;
  const claims = token ? peekClaims(token) : null;
  const expired = claims?.exp != null && claims.exp * 1000 <= Date.now();
  if (token && expired) clearSessionCookie(event.cookies);
  event.locals.token = token && !expired ? token : null;
  event.locals.user = event.locals.token ? (claims?.sub ?? null) : null;
  if (event.locals.token || isPublic(event.url.pathname)) return resolve(event);
  if (event.url.pathname.startsWith('/api/')) error(401, 'log in first');
  // Thrown, not returned: Kit turns it into a JSON redirect for client-side data requests.
  redirect(303, loginUrl(event.url));
};

const theme: Handle = ({ event, resolve }) => {
  event.locals.theme = parseTheme(event.cookies.get(THEME_COOKIE));
  return resolve(event, { transformPageChunk: ({ html }) => html.replace('%tickstock.theme%', event.locals.theme) });
};

const headers: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  // Pages and endpoints carry one user's data: no shared cache may keep them.
  if (!event.url.pathname.startsWith('/_app/')) response.headers.set('cache-control', 'private, no-store');
  return response;
};

export const handle = sequence(headers, authenticate, theme);
