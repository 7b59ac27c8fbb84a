/**
 * Starts the HTTP server: the one place (with the CLI's main.ts) that wires config, storage and
 * the app together. `vigil serve` calls startServer; `node --import tsx src/http/main.ts` runs it
 * with the configuration from the environment.
 */
import { pathToFileURL } from 'node:url';
import { createApp, systemClock, uuidV7Ids } from '../app/index.js';
import { ConfigError, loadConfig, loadServerSecret, type Config } from '../config.js';
import { createSecurityServices } from '../crypto/services.js';
import { openStore } from '../db/store.js';
import { extract } from '../extract/index.js';
import { API_PREFIX, buildHttpApp, OPENAPI_PATH } from './app.js';
import { WEB_DIST } from './static.js';

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:7300. */
  readonly url: string;
  /** Stops accepting requests, lets the ones in flight finish, then closes the store. */
  close(): Promise<void>;
}

export async function startServer(opts: { host: string; port: number; config: Config }): Promise<RunningServer> {
  const { config } = opts;
  const store = await openStore(config.databaseUrl ? { postgresUrl: config.databaseUrl } : { sqliteFile: config.sqliteFile });
  try {
    const security = createSecurityServices({ serverSecret: loadServerSecret(config.home) });
    const app = createApp({ store, clock: systemClock, ids: uuidV7Ids, extractor: { extract }, security });
    await app.ensureDefaultCollection();
    await app.seedGazetteer();
    const http = await buildHttpApp({ app, logger: { level: config.logLevel }, webRoot: WEB_DIST });
    const url = await http.listen({ host: opts.host, port: opts.port });
    let closing: Promise<void> | undefined;
    return {
      url,
      close() {
        closing ??= (async () => {
          try {
            await http.close();
          } finally {
            await store.close();
          }
        })();
        return closing;
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const server = await startServer({ host: config.host, port: config.port, config });
  console.log(`Vigil is listening on ${server.url} (API: ${server.url}${API_PREFIX}/, OpenAPI: ${server.url}${OPENAPI_PATH})`);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    // What failed is what an operator needs; a stack trace from here adds nothing they can act on.
    console.error(`vigil: could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
