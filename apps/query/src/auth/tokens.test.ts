import { describe, expect, it } from 'vitest';
import { bearerToken, loginClaims, ticketClaims } from './tokens';

describe(loginClaims.name, () => {
  it('is for the REST API audience, from this issuer, expiring after the ttl', () => {
    expect(loginClaims({ username: 'ann', role: 'viewer' }, 1000, 3600)).toEqual({
      sub: 'ann',
      role: 'viewer',
      aud: 'tickstock-api',
      iss: 'tickstock-query',
      iat: 1000,
      exp: 4600,
    });
  });
});

describe(ticketClaims.name, () => {
  it('is for the fanout, good for 60 s, and carries the login expiry', () => {
    const sut = ticketClaims({ sub: 'ann', role: 'admin', exp: 4600 }, 2000);
    expect(sut).toEqual({ sub: 'ann', role: 'admin', aud: 'fanout', iss: 'tickstock-query', iat: 2000, exp: 2060, login_exp: 4600 });
  });
});

describe(bearerToken.name, () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer  abc.def-_ghi ', 'abc.def-_ghi'],
  ])('reads %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'abc.def.ghi', 'Bearer abc def', 'Bearer a"b', 'Token abc'])('finds no token in %j', (header) => {
    expect(bearerToken(header)).toBeNull();
  });
});
