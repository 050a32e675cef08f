import { describe, expect, it } from 'vitest';
import { uniqueDatabaseName } from './postgres';
import { findPostgresBinDir } from './postgres-local';

describe(uniqueDatabaseName.name, () => {
  it('names the database after the test file, safe as an identifier', () => {
    const name = uniqueDatabaseName('file:///work/main/packages/db/test/Sessions-Repo.test.ts');
    expect(name).toMatch(/^t_sessions_repo_\d+_[0-9a-f]{8}$/);
  });

  it('stays within PostgreSQL’s 63-byte identifier limit for a long name', () => {
    expect(uniqueDatabaseName('x'.repeat(200)).length).toBeLessThanOrEqual(63);
  });

  it('differs between two calls with the same name (parallel files, reruns)', () => {
    expect(uniqueDatabaseName('a')).not.toBe(uniqueDatabaseName('a'));
  });
});

describe(findPostgresBinDir.name, () => {
  it('answers a directory holding initdb and postgres, or undefined', () => {
    const dir = findPostgresBinDir();
    if (dir !== undefined) expect(dir).toMatch(/bin$/);
    else expect(dir).toBeUndefined();
  });
});
