import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from './app.js';
import { buildTestHttp, type TestHttp } from './testing.js';

let dir = '';
let t: TestHttp;
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-1234.js"></script></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vigil-web-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), INDEX);
  await writeFile(path.join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await buildTestHttp({ webRoot: dir });
});

afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string) => t.http.inject({ method: 'GET', url });

describe('the web app at /', () => {
  it('serves index.html at / and at any app path, under the same security headers, never cached stale', async () => {
    for (const url of ['/', '/incidents', '/incidents/0190d0c4-8a4b-7c6e-9b1a-2f3e4d5c6b7a?tab=claims', '/deep/er/path']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-security-policy']).toBe(SECURITY_HEADERS['content-security-policy']);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache, and a missing one as the JSON 404 (not the app)', async () => {
    const js = await get('/assets/app-1234.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await get('/assets/nope.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    expect((await get('/favicon.svg')).headers['content-type']).toMatch(/svg/);
  });

  it('leaves /api alone: unknown API paths get the API 404, known ones their JSON', async () => {
    const res = await get('/api/v1/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    expect((await get('/api')).json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    expect((await get('/api/v1/openapi.json')).statusCode).toBe(200);
  });

  it('refuses paths that climb out of the build', async () => {
    for (const url of ['/assets/../../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const res = await get(url);
      expect(res.body, url).not.toContain('"name": "vigil"');
      expect(res.statusCode, url).not.toBe(500);
    }
  });

  it('without a build, / stays the page that points at the API', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'vigil-web-empty-'));
    const t2 = await buildTestHttp({ webRoot: empty });
    try {
      const res = await t2.http.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('href="/api/v1/openapi.json"');
    } finally {
      await t2.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
