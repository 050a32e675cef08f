import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { helmetHeaders, securityPlugin } from './security';

describe(helmetHeaders.name, () => {
  it("records helmet's default headers once, as they are sent", () => {
    const sut = helmetHeaders();
    expect(sut).toMatchObject({
      'Content-Security-Policy': expect.stringContaining("default-src 'self'"),
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Origin-Agent-Cluster': '?1',
      'Referrer-Policy': 'no-referrer',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
      'X-Content-Type-Options': 'nosniff',
      'X-DNS-Prefetch-Control': 'off',
      'X-Download-Options': 'noopen',
      'X-Frame-Options': 'SAMEORIGIN',
      'X-Permitted-Cross-Domain-Policies': 'none',
      'X-XSS-Protection': '0',
    });
    expect(Object.isFrozen(sut)).toBe(true);
  });

  it('follows the options it is given', () => {
    const sut = helmetHeaders({ frameguard: { action: 'deny' }, strictTransportSecurity: false });
    expect(sut['X-Frame-Options']).toBe('DENY');
    expect(sut['Strict-Transport-Security']).toBeUndefined();
  });
});

describe('securityPlugin', () => {
  it('sets the headers on every response, a route answer and a 404 alike', async () => {
    const app = Fastify();
    await app.register(securityPlugin, { dashboardOrigin: 'http://localhost:3000' });
    app.get('/x', () => ({ ok: true }));
    try {
      for (const url of ['/x', '/nothing']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
        expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
        expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      }
    } finally {
      await app.close();
    }
  });
});
