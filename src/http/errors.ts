/**
 * The one table from error codes to HTTP statuses, and the translation of every error the
 * HTTP layer can meet (domain, schema validation, Fastify's own) into the one error body:
 * `{ "error": { "code", "message", "fields": [{ "path", "message" }] } }`.
 *
 * Validation failures are 400, not 422. The same zod schemas run at the edge (type provider)
 * and inside the use cases, and some checks only the use case can make (a parent must be an
 * organisation, an evidence span must lie inside the source text). With 422 the status would
 * depend on which of the two layers noticed, which is an implementation detail; with 400 a
 * client has one branch for "your request is wrong", and `error.code` tells it which way.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, FieldIssue } from '../core/errors.js';
import { isVigilError } from '../core/errors.js';
import type { ErrorBody } from './schemas.js';
import { CsrfError } from './csrf-error.js';

/** Codes only the HTTP layer produces. */
export type HttpOnlyErrorCode =
  | 'MALFORMED_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ROUTE_NOT_FOUND'
  | 'BAD_REQUEST'
  | 'CSRF_FAILED'
  | 'INTERNAL';

export type HttpErrorCode = ErrorCode | HttpOnlyErrorCode;

/** Typed as a full Record so that a new domain error code fails the build until it has a status. */
export const HTTP_STATUS: Readonly<Record<HttpErrorCode, number>> = Object.freeze({
  VALIDATION_FAILED: 400,
  IMPORT_FAILED: 400,
  NOT_FOUND: 404,
  COLLECTION_NOT_FOUND: 404,
  SOURCE_NOT_FOUND: 404,
  INCIDENT_NOT_FOUND: 404,
  ACT_NOT_FOUND: 404,
  CLAIM_NOT_FOUND: 404,
  ACTOR_NOT_FOUND: 404,
  PLACE_NOT_FOUND: 404,
  PERSON_NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  SIGN_IN_FAILED: 401,
  FORBIDDEN: 403,
  KEYS_LOCKED: 403,
  CSRF_FAILED: 403,
  THROTTLED: 429,
  SETUP_DONE: 409,
  CONFLICT: 409,
  IN_USE: 409,
  MALFORMED_JSON: 400,
  BAD_REQUEST: 400,
  ROUTE_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
});

export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorBody;
}

function response(code: HttpErrorCode, message: string, fields: readonly FieldIssue[] = []): ErrorResponse {
  return { status: HTTP_STATUS[code], body: { error: { code, message, fields: fields.map((f) => ({ path: f.path, message: f.message })) } } };
}

const VALIDATION_CONTEXT: Record<string, string> = {
  body: 'invalid request body',
  querystring: 'invalid query string',
  params: 'invalid path parameter',
  headers: 'invalid request header',
};

/** A zod issue path as the type provider reports it (`/acts/0/type`), dotted like core's FieldIssue. */
function dotted(instancePath: string): string {
  return instancePath.split('/').filter(Boolean).join('.');
}

interface ValidationIssue {
  readonly instancePath: string;
  readonly message?: string;
  readonly keyword?: string;
  readonly params?: Record<string, unknown>;
}

/** One field per unknown key, so `error.fields` names the field at fault rather than its parent. */
function validationFields(issues: readonly ValidationIssue[]): FieldIssue[] {
  const fields: FieldIssue[] = [];
  for (const issue of issues) {
    const base = dotted(issue.instancePath);
    const keys = issue.params?.['keys'];
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      for (const k of keys) fields.push({ path: base ? `${base}.${String(k)}` : String(k), message: 'unknown field' });
    } else {
      fields.push({ path: base || '(root)', message: issue.message ?? 'invalid' });
    }
  }
  return fields;
}

function isFastifyError(e: unknown): e is FastifyError {
  return e instanceof Error && typeof (e as Partial<FastifyError>).code === 'string';
}

/**
 * Translates any thrown value into a status and body. Only our own, reviewed messages reach the
 * client: a domain error's message (ids, never names), a schema's message, or a fixed text. An
 * unexpected error gets a generic message: its own may carry input, a name or a query.
 */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (isVigilError(err)) return response(err.code, err.message, err.fields);
  if (err instanceof CsrfError) return response('CSRF_FAILED', err.message);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as { validationContext?: string }).validationContext ?? 'body';
    return response('VALIDATION_FAILED', VALIDATION_CONTEXT[context] ?? 'invalid request', validationFields(err.validation));
  }
  if (isFastifyError(err)) {
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return response('MALFORMED_JSON', 'the request body is not valid JSON');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return response('MALFORMED_JSON', 'the request body is empty but its content type is JSON');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return response('PAYLOAD_TOO_LARGE', 'the request body is too large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return response('UNSUPPORTED_MEDIA_TYPE', 'send the request body as application/json');
    }
    if (Array.isArray(err.validation)) return response('VALIDATION_FAILED', 'invalid request', validationFields(err.validation));
    const status = err.statusCode ?? 500;
    if (status === 413) return response('PAYLOAD_TOO_LARGE', 'the request body is too large');
    if (status === 415) return response('UNSUPPORTED_MEDIA_TYPE', 'send the request body as application/json');
    // Fastify's other client errors (bad URL encoding, wrong content length…) echo the input in
    // their messages; the status is right, the text is ours.
    if (status >= 400 && status < 500) return { ...response('BAD_REQUEST', 'the request could not be read'), status };
  }
  return response('INTERNAL', 'internal error');
}

/** For logs: what went wrong and where, without the message (it may quote input or stored data). */
export function errorForLog(err: unknown): Record<string, unknown> {
  if (isVigilError(err)) return { type: err.name, code: err.code };
  if (!(err instanceof Error)) return { type: typeof err };
  const stack = err.stack?.split('\n').filter((l) => l.trimStart().startsWith('at ')).join('\n');
  return { type: err.name, code: (err as Partial<FastifyError>).code, stack };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const { status, body } = toErrorResponse(err);
  if (status >= 500) request.log.error({ err: errorForLog(err) }, 'unexpected error');
  else request.log.info({ code: body.error.code, status }, 'request rejected');
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** Installs the error handler and the unknown-route handler on the root instance. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => sendError(request, reply, err));
  app.setNotFoundHandler((request, reply) => {
    // The URL is not echoed: a path or query string can carry names.
    const { status, body } = response('ROUTE_NOT_FOUND', 'no such route');
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  });
}
