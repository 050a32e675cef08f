// The upgrade at /ws: the socket ticket is checked before the upgrade, so a request without a
// valid one gets HTTP 401 and never a socket (CONTRACT.md). The query string, which carries the
// ticket, is read once here and never logged. Everything happens in this one uWS callback.
import type { HttpRequest, HttpResponse, us_socket_context_t } from 'uWebSockets.js';
import type { RateLimiter } from '../auth/rate-limiter';
import type { Ticket, TicketVerifier } from '../auth/ticket-verifier';
import type { FanoutMetrics } from '../metrics';

export type Admission = 'open' | 'draining' | 'not_ready';

export type UpgradeDeps<T> = {
  verify: TicketVerifier;
  limiter: RateLimiter;
  /** Whether new sockets are taken now: not while draining or before the reader has a position. */
  admission(): Admission;
  trustProxy: boolean;
  metrics: FanoutMetrics;
  /** The uWS user data for an accepted socket. */
  userData(ticket: Ticket, ip: string): T;
};

export function createUpgradeHandler<T>(deps: UpgradeDeps<T>) {
  return (res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void => {
    // Everything needed from req must be read now: it is only valid during this call.
    const key = req.getHeader('sec-websocket-key');
    const protocol = req.getHeader('sec-websocket-protocol');
    const extensions = req.getHeader('sec-websocket-extensions');
    const token = (req.getQuery('token') as string | undefined) ?? '';
    const ip = clientIp(res, deps.trustProxy ? req.getHeader('x-forwarded-for') : '');

    const admission = deps.admission();
    if (admission !== 'open') return refuse(res, deps.metrics, admission, 503, 'UNAVAILABLE', admission === 'draining' ? 'this pod is draining' : 'not ready yet');
    if (!deps.limiter.take(ip)) return refuse(res, deps.metrics, 'rate_limited', 429, 'RATE_LIMITED', 'too many connections from this address');

    // Synchronous: the upgrade completes inside this callback, where uWS has the response corked.
    const check = deps.verify(token);
    if (!check.ok) return refuse(res, deps.metrics, `unauthorized_${check.reason}`, 401, 'UNAUTHORIZED', 'a valid socket ticket is required');
    res.upgrade(deps.userData(check.ticket, ip), key, protocol, extensions, context);
  };
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };

function refuse(res: HttpResponse, metrics: FanoutMetrics, reason: string, status: number, code: string, message: string): void {
  metrics.refused.inc({ reason });
  res
    .writeStatus(`${status} ${STATUS_TEXT[status] ?? ''}`)
    .writeHeader('content-type', 'application/json; charset=utf-8')
    .end(JSON.stringify({ error: { code, message } }));
}

/** The peer address, or behind a trusted proxy the last X-Forwarded-For entry (the address our proxy saw). */
function clientIp(res: HttpResponse, forwardedFor: string): string {
  if (forwardedFor) {
    const last = forwardedFor.split(',').pop()?.trim();
    if (last) return last;
  }
  return Buffer.from(res.getRemoteAddressAsText()).toString();
}
