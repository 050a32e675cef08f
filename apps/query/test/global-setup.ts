// One PostgreSQL (with the migrated template) and one Redis for the whole integration run, handed
// to the workers as DATABASE_URL and REDIS_URL; each test file still gets its own database and
// key prefix (test/support.ts). Unit-only runs (`--dir src`) start nothing.
import { postgresGlobalSetup, startRedis } from '@tickstock/testing';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const { testFiles } = await project.globTestFiles();
  if (!testFiles.some((file) => /[/\\]test[/\\]/.test(file))) return undefined;
  const stopPostgres = await postgresGlobalSetup();
  const redis = await startRedis();
  const hadRedisUrl = process.env.REDIS_URL !== undefined;
  process.env.REDIS_URL = redis.url;
  return async () => {
    if (!hadRedisUrl) delete process.env.REDIS_URL;
    await redis.stop();
    await stopPostgres();
  };
}
