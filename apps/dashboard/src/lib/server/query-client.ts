// The dashboard server's calls to the query service (CONTRACT.md, "REST"). Every failure becomes
// a QueryError with the contract's status and code, including "unreachable" (503 UNAVAILABLE),
// so callers decide with one `status` check: 401 → back to /login, else show it as unavailable.
import type { AlertRecord, IndicatorRecord, LoginResponse, PatternRecord, StatusResponse, SummaryResponse, WsTokenResponse } from '@tickstock/contracts';

export class QueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

export type QueryClientOptions = { baseUrl: string; timeoutMs?: number; fetch?: typeof fetch };

export type HistoryParams = { hours?: number; limit?: number };

export type QueryClient = ReturnType<typeof createQueryClient>;

export function createQueryClient({ baseUrl, timeoutMs = 5000, fetch: fetchFn = fetch }: QueryClientOptions) {
  async function call<T>(method: 'GET' | 'POST', path: string, init: { token?: string; body?: unknown; clientIp?: string } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    // Every login reaches the query service from this server: the browser's address lets its
    // per-client rate limit tell users apart (when it trusts this hop).
    if (init.clientIp) headers['x-forwarded-for'] = init.clientIp;
    // A POST without a body sends no content-type: Fastify refuses an empty JSON body.
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetchFn(`${baseUrl}${path}`, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const why = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'is unreachable';
      throw new QueryError(503, 'UNAVAILABLE', `the query service ${why}`);
    }
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) return body as T;
    const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof err?.code === 'string' ? err.code : res.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL';
    const message = typeof err?.message === 'string' ? err.message : `the query service answered ${res.status}`;
    throw new QueryError(res.status, code, message);
  }

  const qs = (params: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
    const s = p.toString();
    return s ? `?${s}` : '';
  };
  const sym = (symbol: string) => encodeURIComponent(symbol);

  return {
    login: (username: string, password: string, clientIp?: string) => call<LoginResponse>('POST', '/auth/login', { body: { username, password }, clientIp }),
    wsTicket: (token: string) => call<WsTokenResponse>('POST', '/auth/ws-token', { token }),
    status: (token: string) => call<StatusResponse>('GET', '/streaming/api/status', { token }),
    summary: (token: string, hours = 1) => call<SummaryResponse>('GET', `/streaming/api/summary${qs({ hours })}`, { token }),
    patterns: (token: string, symbol: string, p: HistoryParams = {}) =>
      call<PatternRecord[]>('GET', `/streaming/api/patterns/${sym(symbol)}${qs({ hours: p.hours, limit: p.limit })}`, { token }),
    indicators: (token: string, symbol: string, p: HistoryParams & { indicator?: string } = {}) =>
      call<IndicatorRecord[]>('GET', `/streaming/api/indicators/${sym(symbol)}${qs({ hours: p.hours, indicator: p.indicator, limit: p.limit })}`, { token }),
    alerts: (token: string, p: HistoryParams & { symbol?: string; alertType?: string } = {}) =>
      call<AlertRecord[]>('GET', `/streaming/api/alerts${qs({ hours: p.hours, alert_type: p.alertType, symbol: p.symbol, limit: p.limit })}`, { token }),
  };
}
