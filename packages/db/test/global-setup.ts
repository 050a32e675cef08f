// Starts one PostgreSQL for the whole run (handed to the workers as DATABASE_URL) — but only when
// the run includes integration tests: `vitest run --dir src` (unit tests) must not need a server.
import { postgresGlobalSetup } from './harness';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const { testFiles } = await project.globTestFiles();
  if (!testFiles.some((file) => /[/\\]test[/\\]/.test(file))) return undefined;
  return postgresGlobalSetup();
}
