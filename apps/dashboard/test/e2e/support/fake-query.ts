// A stand-in for apps/query implementing just what the dashboard uses (CONTRACT.md, "REST"):
// login, ws-token, and the /streaming/api reads, with the contract's error bodies. It records
// every request so tests can assert what the dashboard's server asked for, and it issues the
// socket tickets the fake fanout accepts.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AlertRecord, IndicatorRecord, PatternRecord, StatusResponse, SummaryResponse } from '@tickstock/contracts';
import { closeServer, listen, readJson, sendError, sendJson } from './http-util';

export type RecordedRequest = { method: string; path: string; query: URLSearchParams; bearer: string | null };

export type FakeQueryData = {
  status: StatusResponse;
  summary: SummaryResponse;
  patterns: Map<string, PatternRecord[]>;
  indicators: Map<string, IndicatorRecord[]>;
  alerts: AlertRecord[];
};

export type FakeQuery = Awaited<ReturnType<typeof startFakeQuery>>;

/** A JWT-shaped token (unsigned): the dashboard only reads `sub` and `exp` from it for display. */
function loginToken(username: string, ttlSeconds: number): string {
  const claims = { sub: username, role: 'viewer', exp: Math.floor(Date.now() / 1000) + ttlSeconds, jti: randomUUID() };
  return `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.fake`;
}

export async function startFakeQuery(users: Record<string, string>) {
  const requests: RecordedRequest[] = [];
  const logins = new Map<string, string>(); // token → user
  const tickets = new Map<string, string>(); // ticket → login token
  const data: FakeQueryData = {
    status: { status: 'idle', session: null, health: null, subscriber_stats: {}, producer: { online: true, last_heartbeat: null } },
    summary: { window_hours: 1, pattern_distribution: {}, top_symbols: [], total_patterns: 0, total_indicators: 0, total_alerts: 0 },
    patterns: new Map(),
    indicators: new Map(),
    alerts: [],
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const auth = req.headers.authorization ?? '';
      const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : null;
      requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, bearer });
      const user = bearer ? logins.get(bearer) : undefined;

      if (req.method === 'POST' && url.pathname === '/auth/login') {
        const body = (await readJson(req)) as { username?: string; password?: string } | undefined;
        if (!body?.username || users[body.username] === undefined || users[body.username] !== body.password) {
          return sendError(res, 401, 'UNAUTHORIZED', 'invalid username or password');
        }
        const token = loginToken(body.username, 3600);
        logins.set(token, body.username);
        return sendJson(res, 200, { token, token_type: 'Bearer', expires_in: 3600 });
      }
      if (!user) return sendError(res, 401, 'UNAUTHORIZED', 'missing or invalid token');
      if (req.method === 'POST' && url.pathname === '/auth/ws-token') {
        if (req.headers['content-type']?.includes('json')) return sendError(res, 400, 'VALIDATION_ERROR', 'empty JSON body');
        const ticket = randomUUID();
        tickets.set(ticket, bearer!);
        return sendJson(res, 200, { token: ticket, expires_in: 60 });
      }
      if (url.pathname === '/auth/me') return sendJson(res, 200, { username: user, role: 'viewer' });
      if (url.pathname === '/streaming/api/status') return sendJson(res, 200, data.status);
      if (url.pathname === '/streaming/api/summary') return sendJson(res, 200, data.summary);
      if (url.pathname === '/streaming/api/alerts') {
        const symbol = url.searchParams.get('symbol')?.toUpperCase();
        return sendJson(res, 200, data.alerts.filter((a) => !symbol || a.symbol === symbol));
      }
      const m = /^\/streaming\/api\/(patterns|indicators)\/([^/]+)$/.exec(url.pathname);
      if (m) {
        const symbol = decodeURIComponent(m[2]!).toUpperCase();
        return sendJson(res, 200, (m[1] === 'patterns' ? data.patterns : data.indicators).get(symbol) ?? []);
      }
      return sendError(res, 404, 'NOT_FOUND', 'no such route');
    })().catch((error: unknown) => sendError(res, 500, 'INTERNAL', String(error)));
  });
  const port = await listen(server);

  return {
    url: `http://127.0.0.1:${port}`,
    data,
    requests,
    /** The login token a ticket was issued for, or undefined for a ticket this service never issued. */
    loginOfTicket: (ticket: string) => tickets.get(ticket),
    /** Every login token stops working (as if it expired): REST and new tickets answer 401. */
    expireAllLogins: () => logins.clear(),
    count: (path: string) => requests.filter((r) => r.path === path).length,
    close: () => closeServer(server),
  };
}
