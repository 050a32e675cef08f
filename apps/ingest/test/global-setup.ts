// One PostgreSQL for the whole run, only when integration tests are selected (`--dir src` needs none).
import { postgresGlobalSetup } from '@tickstock/testing';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const { testFiles } = await project.globTestFiles();
  if (!testFiles.some((file) => /[/\\]test[/\\]/.test(file))) return undefined;
  return postgresGlobalSetup();
}
