/**
 * Logger settings for the HTTP server. A log is one of the things an adversary may seize
 * (DESIGN §4), so it records what the server did, never whom it was about or for: no request
 * bodies, no raw URLs (a query string can carry a name: /actors?name=…), no IP addresses.
 */
import type { FastifyLoggerOptions } from 'fastify';
import type { LoggerOptions } from 'pino';
import { errorForLog } from './errors.js';

export type HttpLoggerOptions = FastifyLoggerOptions & LoggerOptions;

interface LoggableRequest {
  readonly method?: string;
  readonly routeOptions?: { readonly url?: string };
}

interface LoggableReply {
  readonly statusCode?: number;
}

export const privateSerializers = {
  /** The route pattern (`/api/v1/actors/:id`), not the URL the client sent. */
  req: (req: LoggableRequest) => ({ method: req.method, route: req.routeOptions?.url ?? '(no route)' }),
  res: (res: LoggableReply) => ({ statusCode: res.statusCode }),
  /** Type, code and stack frames; not the message, which may quote input or stored data. */
  err: (err: unknown) => errorForLog(err),
};

/**
 * Paths pino removes from every log line, whoever wrote it: a second guard behind the
 * serializers, for a future `log.info({ body })` or `{ person }` that slips through review.
 * Names, contacts, texts, addresses, credentials and client addresses never reach a log.
 */
export const REDACT_PATHS: readonly string[] = [
  'body',
  'req.body',
  'req.headers',
  'req.remoteAddress',
  'req.ip',
  'ip',
  'remoteAddress',
  'headers',
  'cookie',
  'password',
  'code',
  'email',
  'name',
  'names',
  'aliases',
  'contacts',
  'address',
  'notes',
  'text',
  'quote',
  'identity',
  'recoveryKey',
  'totp',
  '*.password',
  '*.email',
  '*.name',
  '*.names',
  '*.aliases',
  '*.contacts',
  '*.address',
  '*.notes',
  '*.text',
  '*.quote',
  '*.identity',
  '*.cookie',
];

/** Fastify's `logger` option: off, or the caller's pino options with our serializers and redaction forced on. */
export function loggerOptions(logger: boolean | HttpLoggerOptions | undefined): false | HttpLoggerOptions {
  if (logger === undefined || logger === false) return false;
  const base: HttpLoggerOptions = logger === true ? { level: 'info' } : logger;
  // Ours win over the caller's: a serializer that logs the raw URL would undo the point.
  // The cast: Fastify types `err` as returning pino's full shape (with `message`), which is the
  // very field we leave out.
  return {
    ...base,
    serializers: { ...base.serializers, ...privateSerializers } as unknown as HttpLoggerOptions['serializers'],
    redact: { paths: [...REDACT_PATHS], remove: true },
  };
}
