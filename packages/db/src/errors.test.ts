import { describe, expect, it } from 'vitest';
import { DbUnavailableError, isDataRejected, isDbUnavailable, translateDbError, translated } from './errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe(translateDbError.name, () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'connection'],
    ['connection reset', withCode('read ECONNRESET', 'ECONNRESET'), 'connection'],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect'), 'timeout'],
    ['client connect timeout', new Error('Connection terminated due to connection timeout'), 'timeout'],
    ['server went away mid-query', new Error('Connection terminated unexpectedly'), 'connection'],
    ['client-side query timeout', new Error('Query read timeout'), 'timeout'],
    ['statement_timeout (57014)', withCode('canceling statement due to statement timeout', '57014'), 'timeout'],
    ['admin shutdown (57P01)', withCode('terminating connection due to administrator command', '57P01'), 'shutdown'],
    ['starting up (57P03)', withCode('the database system is starting up', '57P03'), 'shutdown'],
    ['connection exception class 08', withCode('connection failure', '08006'), 'connection'],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300'), 'overloaded'],
    ['pool ended at shutdown', new Error('Cannot use a pool after calling end on the pool'), 'shutdown'],
  ])('maps %s to DbUnavailableError', (_name, err, reason) => {
    const out = translateDbError(err);
    expect(out).toBeInstanceOf(DbUnavailableError);
    expect((out as DbUnavailableError).reason).toBe(reason);
    expect((out as DbUnavailableError).cause).toBe(err);
  });

  it('looks inside an AggregateError (node connects to every address of a name)', () => {
    const err = new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'all failed');
    expect(isDbUnavailable(translateDbError(err))).toBe(true);
  });

  it('leaves a bug alone: a syntax error (42601) or a unique violation (23505) passes through unchanged', () => {
    const syntax = withCode('syntax error at or near "selec"', '42601');
    const unique = withCode('duplicate key value violates unique constraint', '23505');
    expect(translateDbError(syntax)).toBe(syntax);
    expect(translateDbError(unique)).toBe(unique);
  });

  it('does not wrap twice', () => {
    const once = translateDbError(withCode('refused', 'ECONNREFUSED'));
    expect(translateDbError(once)).toBe(once);
  });

  it('passes a non-Error through', () => {
    expect(translateDbError('boom')).toBe('boom');
  });
});

describe(translated.name, () => {
  it('rethrows what an operation throws, translated', async () => {
    await expect(translated(() => Promise.reject(withCode('refused', 'ECONNREFUSED')))).rejects.toBeInstanceOf(DbUnavailableError);
  });

  it('returns what the operation returns', async () => {
    await expect(translated(() => Promise.resolve(42))).resolves.toBe(42);
  });
});

describe(isDataRejected.name, () => {
  const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
  it.each(['22P05', '22021', '22003', '23502', '23514'])('is true for SQLSTATE %s (the rows themselves are refused)', (code) => {
    expect(isDataRejected(pgError(code))).toBe(true);
    expect(isDataRejected(new Error('wrapped', { cause: pgError(code) }))).toBe(true);
  });
  it.each(['08006', '57P01', '42P01', '40001', 'ECONNREFUSED'])('is false for %s (an outage, a missing table, a conflict: retrying may succeed)', (code) => {
    expect(isDataRejected(pgError(code))).toBe(false);
  });
  it('is false for what is not an error', () => {
    expect(isDataRejected('22P05')).toBe(false);
    expect(isDataRejected(undefined)).toBe(false);
  });
});
