// Calls to the query service from loads and endpoints on behalf of the logged-in user. A 401 means
// the login token expired or was revoked: the cookie goes and the user is sent to /login.
import { redirect, type Cookies } from '@sveltejs/kit';
import { QueryError } from './query-client';
import { clearSessionCookie, loginUrl } from './session-cookie';

export type Guarded = { cookies: Cookies; url: URL; locals: App.Locals };

/** The user's token; hooks.server.ts already redirected requests without one. */
export function tokenOf(event: Guarded): string {
  const token = event.locals.token;
  if (!token) redirect(303, loginUrl(event.url));
  return token;
}

/** Runs `call`; a 401 logs the user out, any other failure is returned as a message for the page. */
export async function settle<T>(event: Guarded, call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof QueryError && error.status === 401) {
      clearSessionCookie(event.cookies);
      redirect(303, loginUrl(event.url, 'expired'));
    }
    if (error instanceof QueryError) return { ok: false, message: error.message };
    throw error;
  }
}
