// @nx/enforce-module-boundaries skips itself silently when it finds no cached project graph
// (STACK.md). These tests lint probe sources with the workspace's real ESLint config and
// prove that each forbidden import is reported, so a skipped rule fails the build. Each lint
// loads the whole ESLint config: seconds on a busy machine, hence the 30 s test timeout (package.json).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  // The probe is not a file on disk, so the type-aware rules (which need a tsconfig program)
  // are switched off for it; the boundary rule does not need types.
  const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@nx/enforce-module-boundaries')
    .map((m) => m.message);
}

describe('@nx/enforce-module-boundaries', () => {
  beforeAll(() => {
    // Makes sure the project graph the rule reads is cached, as it is under `nx run-many -t lint`.
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore' });
  });

  it('reports contracts importing another package of ours', async () => {
    const errors = await boundaryErrors('packages/contracts/src/probe.ts', "import { loadConfig } from '@tickstock/config';\nexport const x = loadConfig;\n");
    expect(errors.join('\n')).toMatch(/tagged with "type:contracts" cannot depend on any libs/);
  });

  it('reports a library importing the test harness', async () => {
    const errors = await boundaryErrors('packages/bus/src/probe.ts', "import { waitFor } from '@tickstock/testing';\nexport const x = waitFor;\n");
    expect(errors.join('\n')).toMatch(/tagged with "type:lib" can only depend on libs tagged with "type:lib", "type:contracts"/);
  });

  it('lets a library test (but not its source) use the test harness', async () => {
    const errors = await boundaryErrors('packages/bus/test/probe.test.ts', "import { waitFor } from '@tickstock/testing';\nexport const x = waitFor;\n");
    expect(errors).toEqual([]);
  });

  it('reports an app importing another app, even through its composition entry', async () => {
    const errors = await boundaryErrors('apps/fanout/src/probe.ts', "import { startIngest } from '@tickstock/ingest/compose';\nexport const x = startIngest;\n");
    expect(errors.join('\n')).toMatch(/tagged with "type:app" can only depend on libs tagged with "type:lib", "type:contracts"/);
  });

  it('reports a tool other than the stack runner importing an app', async () => {
    const errors = await boundaryErrors('tools/bench/src/probe.ts', "import { startIngest } from '@tickstock/ingest/compose';\nexport const x = startIngest;\n");
    expect(errors.join('\n')).toMatch(/tagged with "type:tool" can only depend on libs tagged with "type:lib", "type:contracts", "type:testing"/);
  });

  it('lets the stack runner (`npm start`) compose the apps from their `./compose` entries', async () => {
    const errors = await boundaryErrors('tools/stack/src/probe.ts', "import { startIngest } from '@tickstock/ingest/compose';\nexport const x = startIngest;\n");
    expect(errors).toEqual([]);
  });

  it('allows a library to import contracts', async () => {
    const errors = await boundaryErrors('packages/db/src/probe.ts', "import { CHANNELS } from '@tickstock/contracts';\nexport const x = CHANNELS;\n");
    expect(errors).toEqual([]);
  });
});
