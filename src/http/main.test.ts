import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config.js';
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

describe('startServer', () => {
  it('opens the store, seeds it, listens, and closes; the data survives a restart', async () => {
    const config = configFor(home);
    const first = await startServer({ host: '127.0.0.1', port: 0, config });
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const collections = await (await fetch(`${first.url}/api/v1/collections`)).json();
      expect(collections).toMatchObject({ total: 1, items: [{ name: 'Default' }] });
      const places = (await (await fetch(`${first.url}/api/v1/places?name=Chechnya`)).json()) as { items: { code: string }[] };
      expect(places.items.map((p) => p.code)).toContain('RU-CE');
      const created = await fetch(`${first.url}/api/v1/sources`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
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
      const sources = (await (await fetch(`${second.url}/api/v1/sources`)).json()) as { total: number };
      expect(sources.total).toBe(1);
      // Seeding again created no second default collection.
      expect(((await (await fetch(`${second.url}/api/v1/collections`)).json()) as { total: number }).total).toBe(1);
    } finally {
      await second.close();
      await second.close();
    }
  });
});
