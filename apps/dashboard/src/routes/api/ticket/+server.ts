// POST /api/ticket → {"token"}: a 60-second fanout ticket for this page's socket, fetched from the
// query service (`POST /auth/ws-token`) with the login token from the httpOnly cookie, which
// never reaches page scripts. hooks.server.ts answers 401 without a cookie.
import { error, json } from '@sveltejs/kit';
import { queryClient } from '$lib/server/env';
import { QueryError } from '$lib/server/query-client';
import { clearSessionCookie } from '$lib/server/session-cookie';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies }) => {
  if (!locals.token) error(401, 'log in first');
  try {
    const ticket = await queryClient().wsTicket(locals.token);
    return json({ token: ticket.token, expires_in: ticket.expires_in }, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    if (e.status === 401) clearSessionCookie(cookies);
    error(e.status === 401 ? 401 : 503, e.status === 401 ? 'login expired' : e.message);
  }
};
