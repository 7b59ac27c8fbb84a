import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config.js';
import { totpCode } from '../crypto/totp.js';
import { startServer } from './main.js';

let home = '';
beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'vigil-http-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

const configFor = (dir: string): Config =>
  Object.freeze({ home: dir, sqliteFile: path.join(dir, 'vigil.db'), databaseUrl: undefined, host: '127.0.0.1', port: 0, logLevel: 'silent' });

/** Signs in over HTTP; returns the headers that carry the session. */
async function signIn(url: string, email: string, password: string, code: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, code }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/^__Host-vigil_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict/);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: cookie.split(';')[0]!, 'x-csrf-token': body.csrfToken };
}

describe('startServer', () => {
  it('opens the store, seeds it, listens, and closes; the data survives a restart', async () => {
    const config = configFor(home);
    const admin = { email: 'admin@vigil.test', password: 'a long passphrase for the server test', displayName: 'Admin' };
    let recoveryCodes: string[] = [];
    const first = await startServer({ host: '127.0.0.1', port: 0, config });
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // Nothing is served without a session, and a fresh server asks for its first admin.
      expect((await fetch(`${first.url}/api/v1/collections`)).status).toBe(401);
      expect(await (await fetch(`${first.url}/api/v1/auth/state`)).json()).toMatchObject({ setupRequired: true, user: null });
      const setup = await fetch(`${first.url}/api/v1/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
      expect(setup.status).toBe(201);
      const made = (await setup.json()) as { totp: { secret: string }; recoveryCodes: string[] };
      recoveryCodes = made.recoveryCodes;
      // The server secret is made on first start, readable by its owner only.
      expect((await stat(path.join(home, 'server.key'))).mode & 0o777).toBe(0o600);
      const auth = await signIn(first.url, admin.email, admin.password, totpCode(made.totp.secret, new Date()));
      const collections = await (await fetch(`${first.url}/api/v1/collections`, { headers: auth })).json();
      expect(collections).toMatchObject({ total: 1, items: [{ name: 'Default' }] });
      const places = (await (await fetch(`${first.url}/api/v1/places?name=Chechnya`, { headers: auth })).json()) as { items: { code: string }[] };
      expect(places.items.map((p) => p.code)).toContain('RU-CE');
      const created = await fetch(`${first.url}/api/v1/sources`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'other', title: 'Persisted' }),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('cache-control')).toBe('no-store');
    } finally {
      await first.close();
    }
    await expect(fetch(`${first.url}/api/v1/collections`)).rejects.toThrow();

    const second = await startServer({ host: '127.0.0.1', port: 0, config });
    try {
      // Keys lived in the first process's memory only: its sessions are gone; sign in again.
      const auth = await signIn(second.url, admin.email, admin.password, recoveryCodes[0]!);
      const sources = (await (await fetch(`${second.url}/api/v1/sources`, { headers: auth })).json()) as { total: number };
      expect(sources.total).toBe(1);
      // Seeding again created no second default collection.
      expect(((await (await fetch(`${second.url}/api/v1/collections`, { headers: auth })).json()) as { total: number }).total).toBe(1);
      expect(await (await fetch(`${second.url}/api/v1/auth/state`)).json()).toMatchObject({ setupRequired: false });
    } finally {
      await second.close();
      await second.close();
    }
  });
});
