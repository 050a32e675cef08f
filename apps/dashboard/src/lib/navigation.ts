// Where the page goes when its login expired (socket close 4001, or the ticket endpoint's 401).
// A full page load on purpose, not a client-side goto: it drops every store, socket and timer of
// the old session at once, and the login page's load clears the stale cookie.
import { resolve } from '$app/paths';

export function sendToLogin(from: URL): void {
  const params = new URLSearchParams({ reason: 'expired', next: `${from.pathname}${from.search}` });
  location.assign(`${resolve('/login')}?${params.toString()}`);
}
