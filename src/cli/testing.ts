/** Runs CLI commands in-process against one in-memory store, for tests. */
import { Readable } from 'node:stream';
import { createApp, systemClock, uuidV7Ids, type VigilApp } from '../app/index.js';
import type { Store } from '../core/ports.js';
import { openStore } from '../db/store.js';
import { extract } from '../extract/index.js';
import { createSecurityServices, newServerSecret, TEST_PASSWORD_COST } from '../crypto/services.js';
import type { CliDeps, ServerHandle } from './io.js';
import { runCli } from './program.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliHarness {
  readonly app: VigilApp;
  run(args: readonly string[], opts?: { stdin?: string; startServer?: CliDeps['startServer']; env?: Record<string, string> }): Promise<CliRun>;
  /** `run` then JSON.parse of stdout; fails the test when the command failed. */
  json<T = unknown>(args: readonly string[]): Promise<T>;
  close(): Promise<void>;
}

export async function cliHarness(): Promise<CliHarness> {
  const store: Store = await openStore({ sqliteFile: ':memory:' });
  const app = createApp({ store, clock: systemClock, ids: uuidV7Ids, extractor: { extract }, security: createSecurityServices({ serverSecret: newServerSecret(), passwordCost: TEST_PASSWORD_COST }) });
  const noServer = async (): Promise<ServerHandle> => {
    throw new Error('no server in this test');
  };
  const run: CliHarness['run'] = async (args, opts = {}) => {
    let stdout = '';
    let stderr = '';
    const deps: CliDeps = {
      stdout: { write: (s) => void (stdout += s) },
      stderr: { write: (s) => void (stderr += s) },
      stdin: Readable.from(opts.stdin !== undefined ? [opts.stdin] : []),
      stderrIsTTY: false,
      // The store outlives each command so that a test can run several against it.
      openApp: async () => ({ app, location: ':memory:', engine: store.engine, backup: (file) => store.backup(file), close: async () => undefined }),
      secrets: {
        env: (name) => opts.env?.[name],
        ask: async () => {
          throw new Error('no terminal in this test: pass the secret in opts.env');
        },
      },
      startServer: opts.startServer ?? noServer,
      serveDefaults: () => ({ host: '127.0.0.1', port: 7300 }),
      waitForShutdown: async () => undefined,
    };
    const code = await runCli(args, deps);
    return { code, stdout, stderr };
  };
  return {
    app,
    run,
    async json<T>(args: readonly string[]): Promise<T> {
      const r = await run([...args, '--json']);
      if (r.code !== 0) throw new Error(`vigil ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
    close: () => store.close(),
  };
}
