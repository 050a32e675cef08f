// Whole-database operations against a real server (the run's shared PostgreSQL).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dropDatabase, ensureDatabase } from '../src';

describe(ensureDatabase.name, () => {
  const server = process.env.DATABASE_URL!;
  const name = `t_ensure_${process.pid}_${randomBytes(3).toString('hex')}`;
  afterAll(() => dropDatabase(server, name));

  it('creates the database on the first call and finds it on the next', async () => {
    expect(await ensureDatabase(server, name)).toBe('created');
    expect(await ensureDatabase(server, name)).toBe('exists');
  });

  it('refuses a name that is not a safe identifier before touching the server', async () => {
    await expect(ensureDatabase(server, 'x;drop database postgres')).rejects.toBeInstanceOf(RangeError);
  });
});
