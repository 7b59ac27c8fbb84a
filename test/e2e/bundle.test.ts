/**
 * The built app's first load: its JavaScript stays within the budget (250 KB gzipped), and its
 * page holds nothing the Content-Security-Policy would block or that comes from elsewhere.
 * (Timing budgets live in `npm run bench`; this one is a size, so a test can hold it.)
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/http/static.js';

export const FIRST_LOAD_JS_BUDGET = 250 * 1024;

async function firstLoad(): Promise<{ html: string; js: string[]; css: string[] }> {
  const html = await readFile(path.join(WEB_DIST, 'index.html'), 'utf8');
  const attr = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1] as string);
  return {
    html,
    js: [...attr(/<script[^>]+src="([^"]+)"/g), ...attr(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)],
    css: attr(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
  };
}

describe('the built web app', () => {
  it(`loads at most ${FIRST_LOAD_JS_BUDGET / 1024} KB of gzipped JavaScript first`, async () => {
    const { js } = await firstLoad();
    expect(js.length).toBeGreaterThan(0);
    let total = 0;
    for (const src of js) total += gzipSync(await readFile(path.join(WEB_DIST, src))).length;
    console.log(`first-load JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (${js.length} files)`);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
  });

  it('keeps the map boundaries and the heavy pages out of the first load', async () => {
    const { js } = await firstLoad();
    expect(js.some((f) => /countries|world-map|add-source|incident-form/.test(f))).toBe(false);
  });

  it('has no inline script or style, and names no other origin', async () => {
    const { html, js, css } = await firstLoad();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son\w+=/i);
    for (const u of [...js, ...css]) expect(u.startsWith('/assets/')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
