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
