// A socket ticket from the page's own server (src/routes/api/ticket): the login token stays in
// its httpOnly cookie, and the ticket (60 s, audience `fanout`) is all the page script ever sees.
import type { TicketResult } from './stream-socket';

export async function fetchTicket(fetchFn: typeof fetch = fetch): Promise<TicketResult> {
  const res = await fetchFn('/api/ticket', { method: 'POST', headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (res.status === 401) return { ok: false, unauthorized: true, message: 'login expired' };
  if (!res.ok) return { ok: false, unauthorized: false, message: `ticket endpoint answered ${res.status}` };
  const body = (await res.json()) as { token?: unknown };
  if (typeof body.token !== 'string' || body.token === '') return { ok: false, unauthorized: false, message: 'ticket endpoint sent no token' };
  return { ok: true, token: body.token };
}
