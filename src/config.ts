import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The environment, read and validated once at start-up. Only the two main.ts files import
 * this module; everything else receives what it needs as arguments.
 */
const EnvSchema = z.object({
  VIGIL_HOME: z.string().min(1).default('./vigil-data'),
  VIGIL_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  VIGIL_HOST: z.string().min(1).default('127.0.0.1'),
  VIGIL_PORT: z.coerce.number().int().min(1).max(65535).default(7300),
  VIGIL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  readonly home: string;
  readonly sqliteFile: string;
  readonly databaseUrl: string | undefined;
  readonly host: string;
  readonly port: number;
  readonly logLevel: z.infer<typeof EnvSchema>['VIGIL_LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = EnvSchema.safeParse(env);
  if (!r.success) {
    const first = r.error.issues[0];
    // Name the variable, not its value: a database URL may carry a password.
    throw new ConfigError(`invalid configuration: ${first?.path.join('.') ?? '?'}: ${first?.message ?? 'invalid'}`);
  }
  const e = r.data;
  const home = path.resolve(e.VIGIL_HOME);
  return Object.freeze({
    home,
    sqliteFile: path.join(home, 'vigil.db'),
    databaseUrl: e.VIGIL_DATABASE_URL,
    host: e.VIGIL_HOST,
    port: e.VIGIL_PORT,
    logLevel: e.VIGIL_LOG_LEVEL,
  });
}

export const SERVER_SECRET_FILE = 'server.key';
const SERVER_SECRET_BYTES = 32;

/**
 * The installation's server secret: 32 random bytes in `$VIGIL_HOME/server.key` (mode 0600),
 * made on first use, or VIGIL_SERVER_SECRET (64 hex digits) where the file system is not the
 * place for it. It never goes into the database: a stolen database or pg_dump holds no part of
 * it. Losing it loses the TOTP enrolments and recovery codes (accounts are re-enrolled with the
 * recovery key), never the sealed data.
 */
export function loadServerSecret(home: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.VIGIL_SERVER_SECRET;
  if (fromEnv !== undefined) {
    if (!/^[0-9a-f]{64}$/i.test(fromEnv)) throw new ConfigError('invalid configuration: VIGIL_SERVER_SECRET: must be 64 hex digits');
    return Buffer.from(fromEnv, 'hex');
  }
  const file = path.join(home, SERVER_SECRET_FILE);
  try {
    const bytes = fs.readFileSync(file);
    if (bytes.length !== SERVER_SECRET_BYTES) throw new ConfigError(`${file} is not a Vigil server secret (expected ${SERVER_SECRET_BYTES} bytes)`);
    return bytes;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const bytes = randomBytes(SERVER_SECRET_BYTES);
  // 'wx': never overwrite a secret another process made meanwhile.
  try {
    fs.writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadServerSecret(home, env);
    throw e;
  }
  return bytes;
}
