import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTicketVerifier } from './ticket-verifier';

const SECRET = 'unit-test-secret-0123456789abcdef0123';
const NOW = 1_800_000_000_000;

function sign(claims: Record<string, unknown>, opts: { alg?: string; secret?: string } = {}) {
  const nowS = NOW / 1000;
  return new SignJWT({ login_exp: nowS + 3600, role: 'viewer', ...claims })
    .setProtectedHeader({ alg: opts.alg ?? 'HS256' })
    .setSubject('alice')
    .setAudience((claims.aud as string | undefined) ?? 'fanout')
    .setIssuer('tickstock-query')
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + 60)
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));
}

describe(createTicketVerifier.name, () => {
  const sut = createTicketVerifier(SECRET, { now: () => NOW });

  it('accepts a ticket and carries the login expiry in ms', async () => {
    expect(await sut(await sign({}))).toEqual({ ok: true, ticket: { sub: 'alice', role: 'viewer', loginExpMs: NOW + 3_600_000 } });
  });

  it('refuses a missing ticket', async () => {
    expect(await sut('')).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses a login token by its audience', async () => {
    expect(await sut(await sign({ aud: 'tickstock-api' }))).toEqual({ ok: false, reason: 'audience' });
  });

  it('refuses a ticket signed with another secret', async () => {
    expect(await sut(await sign({}, { secret: 'another-secret-0123456789abcdef0123' }))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an expired ticket', async () => {
    const later = createTicketVerifier(SECRET, { now: () => NOW + 61_000 });
    expect(await later(await sign({}))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a ticket without login_exp, or whose login already expired', async () => {
    expect(await sut(await sign({ login_exp: undefined }))).toEqual({ ok: false, reason: 'invalid' });
    expect(await sut(await sign({ login_exp: NOW / 1000 - 1 }))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses another algorithm (HS512) even with the right secret', async () => {
    expect(await sut(await sign({}, { alg: 'HS512' }))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses garbage', async () => {
    expect(await sut('not.a.jwt')).toEqual({ ok: false, reason: 'invalid' });
  });
});
