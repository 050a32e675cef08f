// /login: a form action that posts to the query service's `POST /auth/login` from the server, so
// the token goes straight into an httpOnly cookie and never into page scripts or localStorage.
import { fail, redirect } from '@sveltejs/kit';
import { queryClient } from '$lib/server/env';
import { QueryError } from '$lib/server/query-client';
import { clearSessionCookie, safeNext, setSessionCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, cookies, locals }) => {
  // Sent here because the login expired (socket 4001, a REST 401): the old cookie must go, or the
  // next page would bounce straight back.
  if (url.searchParams.get('reason') === 'expired') {
    clearSessionCookie(cookies);
    return { expired: true, loggedIn: false };
  }
  return { expired: false, loggedIn: locals.token !== null };
};

function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}

export const actions: Actions = {
  default: async ({ request, cookies, url, getClientAddress }) => {
    const form = await request.formData();
    const username = field(form, 'username').trim();
    const password = field(form, 'password');
    if (!username || !password) return fail(400, { username, message: 'Enter your user name and password.' });
    if (username.length > 64 || password.length > 256) return fail(400, { username: '', message: 'User name or password is too long.' });
    try {
      const login = await queryClient().login(username, password, getClientAddress());
      setSessionCookie(cookies, url, login.token, login.expires_in);
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      if (e.status === 401) return fail(401, { username, message: 'Invalid user name or password.' });
      if (e.status === 429) return fail(429, { username, message: 'Too many attempts. Wait a minute and try again.' });
      if (e.status === 400) return fail(400, { username, message: 'Check the user name and password.' });
      return fail(503, { username, message: 'The login service is unavailable. Try again shortly.' });
    }
    redirect(303, safeNext(url.searchParams.get('next')));
  },
};
