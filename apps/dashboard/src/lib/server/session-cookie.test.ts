import { describe, expect, it } from 'vitest';
import { loginUrl, peekClaims, safeNext } from './session-cookie';

const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe(peekClaims.name, () => {
  it('reads the user and expiry of a JWT for display', () => {
    expect(peekClaims(jwt({ sub: 'ann', exp: 123 }))).toEqual({ sub: 'ann', exp: 123 });
  });

  it('returns null for tokens it cannot read, without throwing', () => {
    expect(peekClaims('opaque')).toBeNull();
    expect(peekClaims('a.!!!.b')).toBeNull();
  });
});

describe(safeNext.name, () => {
  it('only follows paths of this site after login (no open redirect)', () => {
    expect(safeNext('/streaming/NVDA?hours=4')).toBe('/streaming/NVDA?hours=4');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', null, '']) expect(safeNext(bad)).toBe('/streaming');
  });
});

describe(loginUrl.name, () => {
  it('remembers where the user was going and why they were sent back', () => {
    expect(loginUrl(new URL('http://d/streaming?symbols=NVDA'), 'expired')).toBe('/login?next=%2Fstreaming%3Fsymbols%3DNVDA&reason=expired');
    expect(loginUrl(new URL('http://d/'))).toBe('/login');
  });
});
