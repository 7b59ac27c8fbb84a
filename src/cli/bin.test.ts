import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsResult } from '../app/index.js';

const bin = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function vigil(args: string[], env: NodeJS.ProcessEnv): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('bin/vigil.js (a real process)', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'vigil-bin-'));
    env = { PATH: process.env.PATH, HOME: process.env.HOME, VIGIL_HOME: path.join(home, 'data') };
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('prints help, loads the demo into $VIGIL_HOME and reports its stats', { timeout: 180_000 }, async () => {
    const help = await vigil(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: vigil');

    const demo = await vigil(['demo'], env);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);

    const stats = await vigil(['stats', '--json'], env);
    expect(stats.code).toBe(0);
    const r = JSON.parse(stats.stdout) as StatsResult;
    expect(r.totals.find((t) => t.actType === 'killing')?.low).toBeGreaterThanOrEqual(2);

    const bad = await vigil(['stats', '--from', 'yesterday'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: USAGE: /);
  });
});
