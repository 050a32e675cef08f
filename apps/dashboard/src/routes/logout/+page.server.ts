// Logging out is a POST (a form in the header), so a link or an image on another site cannot log
// the user out. The login token is stateless: dropping the cookie is the logout.
import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/streaming');

export const actions: Actions = {
  default: ({ cookies }) => {
    clearSessionCookie(cookies);
    redirect(303, '/login');
  },
};
