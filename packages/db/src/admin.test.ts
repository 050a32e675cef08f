import { describe, expect, it } from 'vitest';
import { assertDatabaseName, databaseUrl } from './admin';

describe(assertDatabaseName.name, () => {
  it.each(['t_db_1', 'tickstock_template', '_x'])('accepts %s', (name) => {
    expect(assertDatabaseName(name)).toBe(name);
  });

  it.each(['', 'UPPER', 'a-b', 'a;drop database x', '1abc', 'x'.repeat(64)])('refuses %j (identifiers cannot be bind parameters)', (name) => {
    expect(() => assertDatabaseName(name)).toThrow(RangeError);
  });
});

describe(databaseUrl.name, () => {
  it('swaps the database and keeps credentials, host, port and options', () => {
    expect(databaseUrl('postgres://u:p@127.0.0.1:5433/postgres?sslmode=disable', 't_x')).toBe('postgres://u:p@127.0.0.1:5433/t_x?sslmode=disable');
  });
});
