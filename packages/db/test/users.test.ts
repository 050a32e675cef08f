import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserRepository, UserExistsError, type UserRepository } from '../src';
import { openTestDb, type DbContext } from './support';

describe(createUserRepository.name, () => {
  let ctx: DbContext;
  let sut: UserRepository;
  const policy = { maxAttempts: 3, lockMs: 15 * 60_000 };

  beforeAll(async () => {
    ctx = await openTestDb(import.meta.url);
    sut = createUserRepository(ctx.db);
  });
  afterAll(() => ctx?.close());

  it('creates a viewer by default and finds it by name', async () => {
    const created = await sut.create({ username: 'alice', password_hash: 'hash-a' });
    expect(created).toMatchObject({ username: 'alice', password_hash: 'hash-a', role: 'viewer', failed_attempts: 0, locked_until: null });
    expect(created.created_at).toBeInstanceOf(Date);
    expect(await sut.findByUsername('alice')).toEqual(created);
  });

  it('answers null for an unknown user', async () => {
    expect(await sut.findByUsername('nobody')).toBeNull();
  });

  it('refuses a taken username with UserExistsError', async () => {
    await expect(sut.create({ username: 'alice', password_hash: 'other' })).rejects.toBeInstanceOf(UserExistsError);
  });

  it('createIfMissing creates once and leaves an existing user (and its password) alone', async () => {
    expect(await sut.createIfMissing({ username: 'admin', password_hash: 'first', role: 'admin' })).toBe(true);
    expect(await sut.createIfMissing({ username: 'admin', password_hash: 'second', role: 'admin' })).toBe(false);
    expect(await sut.findByUsername('admin')).toMatchObject({ role: 'admin', password_hash: 'first' });
  });

  it('rejects a role other than viewer or admin (database check)', async () => {
    await expect(sut.create({ username: 'eve', password_hash: 'x', role: 'root' as never })).rejects.toThrow(/check constraint/);
  });

  it('counts failed attempts and locks on the one that reaches the limit, starting the count again', async () => {
    await sut.create({ username: 'bob', password_hash: 'hash-b' });
    const now = new Date('2026-03-01T10:00:00.000Z');

    expect(await sut.recordFailedAttempt('bob', { ...policy, now })).toEqual({ failed_attempts: 1, locked_until: null });
    expect(await sut.recordFailedAttempt('bob', { ...policy, now })).toEqual({ failed_attempts: 2, locked_until: null });
    expect(await sut.recordFailedAttempt('bob', { ...policy, now })).toEqual({
      failed_attempts: 0,
      locked_until: new Date('2026-03-01T10:15:00.000Z'),
    });
    expect((await sut.findByUsername('bob'))?.locked_until).toEqual(new Date('2026-03-01T10:15:00.000Z'));
  });

  it('loses no count when failed attempts race', async () => {
    await sut.create({ username: 'carol', password_hash: 'hash-c' });
    await Promise.all(Array.from({ length: 8 }, () => sut.recordFailedAttempt('carol', { maxAttempts: 100, lockMs: 1 })));
    expect((await sut.findByUsername('carol'))?.failed_attempts).toBe(8);
  });

  it('answers null when recording a failure for an unknown user', async () => {
    expect(await sut.recordFailedAttempt('nobody', policy)).toBeNull();
  });

  it('reset clears failures and the lock', async () => {
    await sut.recordFailedAttempt('alice', policy);
    await sut.lockUntil('alice', new Date(Date.now() + 60_000));
    await sut.resetFailedAttempts('alice');
    expect(await sut.findByUsername('alice')).toMatchObject({ failed_attempts: 0, locked_until: null });
  });

  it('lockUntil locks a known user and reports an unknown one', async () => {
    const until = new Date('2030-01-01T00:00:00.000Z');
    expect(await sut.lockUntil('alice', until)).toBe(true);
    expect((await sut.findByUsername('alice'))?.locked_until).toEqual(until);
    expect(await sut.lockUntil('nobody', until)).toBe(false);
  });
});
