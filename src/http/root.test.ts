import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from './app.js';
import { buildTestHttp, type TestHttp } from './testing.js';

let t: TestHttp;
beforeAll(async () => {
  t = await buildTestHttp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /', () => {
  it('is a short HTML page pointing at the API and its OpenAPI document', async () => {
    const res = await t.http.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('href="/api/v1/openapi.json"');
    expect(res.body).toContain('/api/v1/');
    expect(res.headers['content-security-policy']).toBe(SECURITY_HEADERS['content-security-policy']);
    // Nothing the Content-Security-Policy would block, and nothing fetched from elsewhere.
    expect(res.body).not.toMatch(/<script|<style|\sstyle=|\son\w+=|https?:\/\//i);
  });

  it('and the document it points at exists', async () => {
    expect((await t.http.inject({ method: 'GET', url: '/api/v1/openapi.json' })).statusCode).toBe(200);
  });
});
