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
    expect(sut(await sign({}))).toEqual({ ok: true, ticket: { sub: 'alice', role: 'viewer', loginExpMs: NOW + 3_600_000 } });
  });

  it('refuses a missing ticket', () => {
    expect(sut('')).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses a login token by its audience', async () => {
    expect(sut(await sign({ aud: 'tickstock-api' }))).toEqual({ ok: false, reason: 'audience' });
  });

  it('refuses a ticket signed with another secret', async () => {
    expect(sut(await sign({}, { secret: 'another-secret-0123456789abcdef0123' }))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an expired ticket', async () => {
    const later = createTicketVerifier(SECRET, { now: () => NOW + 61_000 });
    expect(later(await sign({}))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a ticket without login_exp, or whose login already expired', async () => {
    expect(sut(await sign({ login_exp: undefined }))).toEqual({ ok: false, reason: 'invalid' });
    expect(sut(await sign({ login_exp: NOW / 1000 - 1 }))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses another algorithm (HS512) even with the right secret', async () => {
    expect(sut(await sign({}, { alg: 'HS512' }))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses garbage', () => {
    expect(sut('not.a.jwt')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('ticket tampering', () => {
  const sut = createTicketVerifier(SECRET, { now: () => NOW });

  it('refuses alg none and a changed payload under the original signature', async () => {
    const token = await sign({});
    const [head, body, sig] = token.split('.') as [string, string, string];
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect(sut(`${none}.${body}.`)).toEqual({ ok: false, reason: 'invalid' });
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'mallory' })).toString('base64url');
    expect(sut(`${head}.${forged}.${sig}`)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('accepts an audience list that holds fanout, and refuses a ticket from another issuer', async () => {
    const listed = await new SignJWT({ login_exp: NOW / 1000 + 60, aud: ['other', 'fanout'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer('tickstock-query')
      .setExpirationTime(NOW / 1000 + 60)
      .sign(new TextEncoder().encode(SECRET));
    expect(sut(listed).ok).toBe(true);
    const foreign = await new SignJWT({ login_exp: NOW / 1000 + 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setAudience('fanout')
      .setIssuer('someone-else')
      .setExpirationTime(NOW / 1000 + 60)
      .sign(new TextEncoder().encode(SECRET));
    expect(sut(foreign)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a ticket not valid yet (nbf in the future)', async () => {
    const early = await new SignJWT({ login_exp: NOW / 1000 + 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setAudience('fanout')
      .setIssuer('tickstock-query')
      .setNotBefore(NOW / 1000 + 30)
      .setExpirationTime(NOW / 1000 + 60)
      .sign(new TextEncoder().encode(SECRET));
    expect(sut(early)).toEqual({ ok: false, reason: 'invalid' });
  });
});
