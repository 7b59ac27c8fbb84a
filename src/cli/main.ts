/**
 * The `vigil` process: reads the configuration, opens storage, builds the app and runs one
 * command. With src/http/main.ts, the only place that wires config, db and app together.
 */
import { createApp, systemClock, uuidV7Ids } from '../app/index.js';
import { ConfigError, loadConfig, loadServerSecret, type Config } from '../config.js';
import { createSecurityServices } from '../crypto/services.js';
import { askHidden } from './prompt.js';
import { openStore } from '../db/store.js';
import { CliError, EXIT_BAD_INPUT, type CliDeps, type Writer } from './io.js';
import { runCli } from './program.js';

let config: Config | undefined;
/** Read on first need, so `vigil --help` works even with a bad environment. */
function getConfig(): Config {
  try {
    return (config ??= loadConfig());
  } catch (e) {
    // The message names the variable, never its value (a database URL may hold a password).
    if (e instanceof ConfigError) throw new CliError('CONFIG', e.message, EXIT_BAD_INPUT);
    throw e;
  }
}

function streamWriter(stream: NodeJS.WriteStream): Writer {
  return {
    write: (s) => {
      // Wait for a slow reader (a pipe to gzip, a terminal) instead of buffering a whole export.
      if (!stream.write(s)) return new Promise<void>((resolve) => stream.once('drain', () => resolve()));
    },
  };
}

// `vigil export | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const deps: CliDeps = {
  stdout: streamWriter(process.stdout),
  stderr: streamWriter(process.stderr),
  stdin: process.stdin,
  stderrIsTTY: process.stderr.isTTY === true,
  debug: process.env.VIGIL_DEBUG === '1',
  secrets: { env: (name) => process.env[name], ask: (prompt) => askHidden(prompt) },
  async openApp(opts) {
    const c = getConfig();
    // The extractor loads a language model: only the commands that read texts wait for it.
    const extractor = opts?.extractor ? { extract: (await import('../extract/index.js')).extract } : undefined;
    const store = await openStore(c.databaseUrl ? { postgresUrl: c.databaseUrl } : { sqliteFile: c.sqliteFile });
    const security = createSecurityServices({ serverSecret: loadServerSecret(c.home) });
    return {
      app: createApp({ store, clock: systemClock, ids: uuidV7Ids, security, ...(extractor ? { extractor } : {}) }),
      location: c.databaseUrl ? 'PostgreSQL (VIGIL_DATABASE_URL)' : c.sqliteFile,
      engine: store.engine,
      backup: (file) => store.backup(file),
      close: () => store.close(),
    };
  },
  async startServer(opts) {
    // Loaded only for `serve`: the other commands start faster without the web stack.
    const { startServer } = await import('../http/main.js');
    return startServer({ ...opts, config: getConfig() });
  },
  serveDefaults() {
    const c = getConfig();
    return { host: c.host, port: c.port };
  },
  waitForShutdown: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
};

process.exitCode = await runCli(process.argv.slice(2), deps);
