import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The dependency rule (docs/ARCHITECTURE.md) is enforced by lint: a wrong arrow is an error. */
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['src/core/x.ts', "import { openStore } from '../db/store.js';"],
    ['src/core/x.ts', "import { createApp } from '../app/index.js';"],
    ['src/core/x.ts', "import { loadConfig } from '../config.js';"],
    ['src/app/x.ts', "import { openStore } from '../db/store.js';"],
    ['src/app/x.ts', "import { buildHttpApp } from '../http/app.js';"],
    ['src/app/sub/x.ts', "import { loadConfig } from '../../config.js';"],
    ['src/db/x.ts', "import { createApp } from '../app/index.js';"],
    ['src/db/repositories/x.ts', "import { createApp } from '../../app/index.js';"],
    ['src/extract/x.ts', "import { openStore } from '../db/store.js';"],
    ['src/http/x.ts', "import { program } from '../cli/program.js';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await boundaryErrors(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['src/app/x.ts', "import { ACT_TYPES } from '../core/vocabularies.js';"],
    ['src/db/x.ts', "import type { Store } from '../core/ports.js';"],
    ['src/http/x.ts', "import { createApp } from '../app/index.js';"],
    ['src/cli/x.ts', "import { openStore } from '../db/store.js';"],
  ])('%s may: %s', async (file, code) => {
    expect(await boundaryErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
