import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError, VigilError, type ErrorCode } from '../core/errors.js';
import { errorForLog, HTTP_STATUS, toErrorResponse } from './errors.js';

const DOMAIN_CODES: readonly ErrorCode[] = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'COLLECTION_NOT_FOUND',
  'SOURCE_NOT_FOUND',
  'INCIDENT_NOT_FOUND',
  'ACT_NOT_FOUND',
  'CLAIM_NOT_FOUND',
  'ACTOR_NOT_FOUND',
  'PLACE_NOT_FOUND',
  'CONFLICT',
  'IN_USE',
  'IMPORT_FAILED',
];

const fastifyError = (code: string, statusCode: number, message = 'fastify says: <input echoed>') =>
  Object.assign(new Error(message), { code, statusCode });

describe('the error → status table', () => {
  it('maps every domain code: validation 400, *_NOT_FOUND 404, CONFLICT and IN_USE 409', () => {
    for (const code of DOMAIN_CODES) {
      const expected = code.endsWith('NOT_FOUND') ? 404 : code === 'CONFLICT' || code === 'IN_USE' ? 409 : 400;
      expect(HTTP_STATUS[code], code).toBe(expected);
      expect(toErrorResponse(new VigilError(code, 'm')).status, code).toBe(expected);
    }
  });

  it('carries the code, message and fields of a domain error', () => {
    const r = toErrorResponse(new ValidationError('invalid claim', [{ path: 'asserts.count.value', message: 'required' }]));
    expect(r).toEqual({ status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'invalid claim', fields: [{ path: 'asserts.count.value', message: 'required' }] } } });
    const nf = toErrorResponse(new NotFoundError('INCIDENT_NOT_FOUND', 'incident', 'abc', 'incidentId'));
    expect(nf.status).toBe(404);
    expect(nf.body.error.fields).toEqual([{ path: 'incidentId', message: 'no incident with this id' }]);
  });

  it("maps Fastify's own errors to stable codes with our own messages", () => {
    const cases: [string, number, number, string][] = [
      ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 400, 'MALFORMED_JSON'],
      ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 400, 'MALFORMED_JSON'],
      ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 413, 'PAYLOAD_TOO_LARGE'],
      ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['FST_ERR_BAD_URL', 400, 400, 'BAD_REQUEST'],
      ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 400, 'BAD_REQUEST'],
      ['FST_ERR_SOMETHING_NEW', 431, 431, 'BAD_REQUEST'],
      ['FST_ERR_SOMETHING_ELSE', 500, 500, 'INTERNAL'],
    ];
    for (const [code, statusCode, status, ours] of cases) {
      const r = toErrorResponse(fastifyError(code, statusCode));
      expect(r.status, code).toBe(status);
      expect(r.body.error.code, code).toBe(ours);
      expect(r.body.error.message, code).not.toContain('input echoed');
    }
  });

  it('turns a schema validation error into fields named by dotted path, one per unknown key', () => {
    const marker = Symbol.for('ZodFastifySchemaValidationError');
    const err = Object.assign(new Error('x'), {
      validationContext: 'body',
      validation: [
        { [marker]: true, keyword: 'invalid_value', instancePath: '/acts/0/type', message: 'Invalid option', params: {} },
        { [marker]: true, keyword: 'unrecognized_keys', instancePath: '/acts/1', message: 'Unrecognized keys', params: { keys: ['a', 'b'] } },
        { [marker]: true, keyword: 'invalid_type', instancePath: '/', message: 'expected object', params: {} },
      ],
    });
    expect(toErrorResponse(err)).toEqual({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'invalid request body',
          fields: [
            { path: 'acts.0.type', message: 'Invalid option' },
            { path: 'acts.1.a', message: 'unknown field' },
            { path: 'acts.1.b', message: 'unknown field' },
            { path: '(root)', message: 'expected object' },
          ],
        },
      },
    });
  });

  it('hides anything unexpected behind a generic 500', () => {
    for (const thrown of [new Error('duplicate key value (name)=(Ivanov)'), new TypeError('x is undefined'), 'a string', null, { code: 'VALIDATION_FAILED' }]) {
      expect(toErrorResponse(thrown)).toEqual({ status: 500, body: { error: { code: 'INTERNAL', message: 'internal error', fields: [] } } });
    }
  });
});

describe('errorForLog', () => {
  it('keeps the type, code and stack frames, never the message', () => {
    const e = Object.assign(new Error('duplicate key value (name)=(Ivanov)'), { code: '23505' });
    const logged = errorForLog(e);
    expect(logged).toMatchObject({ type: 'Error', code: '23505' });
    expect(String(logged['stack'])).toContain('errors.test.ts');
    expect(JSON.stringify(logged)).not.toContain('Ivanov');
    expect(errorForLog(new VigilError('IN_USE', 'the source still has 2 claim(s)'))).toEqual({ type: 'VigilError', code: 'IN_USE' });
  });
});
