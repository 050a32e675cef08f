import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe(parseConfig.name, () => {
  it('defaults to the local stack (CONTRACT.md ports)', () => {
    expect(parseConfig({})).toEqual({ queryUrl: 'http://127.0.0.1:8080', fanoutPublicUrl: 'ws://localhost:8090/ws', queryTimeoutMs: 5000 });
  });

  it('takes the URLs from the environment, without a trailing slash', () => {
    const c = parseConfig({ QUERY_URL: 'https://query.internal:8443/', FANOUT_PUBLIC_URL: 'wss://live.example.com/ws' });
    expect(c).toMatchObject({ queryUrl: 'https://query.internal:8443', fanoutPublicUrl: 'wss://live.example.com/ws' });
  });

  it('names every bad variable in one error', () => {
    expect(() => parseConfig({ QUERY_URL: 'ftp://x', FANOUT_PUBLIC_URL: 'http://not-a-socket', QUERY_TIMEOUT_MS: 'soon' })).toThrow(
      /QUERY_URL must be .*; FANOUT_PUBLIC_URL must be a URL starting with ws: or wss: .*; QUERY_TIMEOUT_MS must be/,
    );
  });
});
