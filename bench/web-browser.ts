/**
 * The browser side of bench/web.ts: the system Chromium driven by playwright-core with a fresh
 * profile (the flags of test/e2e/harness.ts), signing in through the page's form, and the probes
 * that time things inside the page (performance.now(), MutationObserver), so that nothing of
 * the DevTools protocol's round trips counts in a figure.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';
import { totpCode } from '../src/crypto/totp.js';
import type { WebAdmin } from './web-server.js';

export const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BenchBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Chromium with a fresh user-data directory (so an empty HTTP cache), as the browser tests run it. */
export async function launchBrowser(): Promise<BenchBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`the web benchmark needs Chromium at ${CHROMIUM}: apt-get install -y chromium (or set VIGIL_CHROMIUM)`);
  const profile = await mkdtemp(path.join(tmpdir(), 'vigil-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  // tsx (esbuild, keepNames) wraps named functions in the probes below with a `__name` helper
  // that exists only in Node: give every document of this browser a do-nothing one.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

// ---- first load ----

export interface ScriptLoad {
  readonly files: { readonly url: string; readonly bytes: number; readonly gzipBytes: number; readonly served: string }[];
  readonly bytes: number;
  readonly gzipBytes: number;
}

/**
 * Every JavaScript response of the page from now until `done` resolves and the network has been
 * idle for 500 ms: body size, and gzip at level 9 (what the server sends when it compresses;
 * `served` is the content-encoding it sent, "identity" when none).
 */
export async function recordScripts(page: Page, done: () => Promise<void>): Promise<ScriptLoad> {
  const bodies = new Map<string, Promise<{ body: Buffer; encoding: string }>>();
  const onResponse = (r: Response): void => {
    const type = r.headers()['content-type'] ?? '';
    if ((r.request().resourceType() === 'script' || /javascript/.test(type)) && !bodies.has(r.url())) {
      bodies.set(
        r.url(),
        r.body().then((body) => ({ body, encoding: r.headers()['content-encoding'] ?? 'identity' })),
      );
    }
  };
  page.on('response', onResponse);
  try {
    await done();
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('response', onResponse);
  }
  const files = [];
  for (const [url, p] of bodies) {
    const { body, encoding } = await p;
    // Playwright hands over the decoded body; gzip it ourselves either way (level 9).
    files.push({ url: new URL(url).pathname, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length, served: encoding });
  }
  return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) };
}

// ---- signing in ----

/**
 * Signs in through the form. A TOTP code works once (and the server accepts one step early or
 * late): the code of the current 30-second step first, then the next step's if that was refused.
 */
export async function signInThroughTheForm(page: Page, url: string, who: WebAdmin): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!new URL(page.url()).pathname.startsWith('/sign-in')) await page.goto(`${url}/sign-in`);
    await page.getByLabel(/^Email/).fill(who.email);
    await page.getByLabel(/^Password/).fill(who.password);
    await page.getByLabel(/^Code from your authenticator app/).fill(totpCode(who.totpSecret, new Date(Date.now() + attempt * 30_000)));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const ok = await page
      .waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (ok) return;
  }
  throw new Error('could not sign in through the form');
}

// ---- probes ----

export interface SearchProbe {
  /** From the last keystroke's input event to the result list of this query in the DOM, ms. */
  readonly ms: number;
  /** The request the app made for it, and where its time went (Resource Timing, ms after the keystroke). */
  readonly url: string;
  readonly requestStart: number;
  readonly responseEnd: number;
  /** The result rows as rendered (hrefs), to check against the API's answer. */
  readonly hrefs: string[];
  readonly countText: string;
}

interface PageProbeState {
  q: string;
  lastInput: number;
  sawLoading: boolean;
  done: number;
  hrefs: string[];
  countText: string;
  finished: Promise<void>;
}

/**
 * Types `q` into the Incidents page's search box (replacing what is there) at `keyDelayMs`
 * between keys, and waits for the result list of THAT query: the app puts the query in the URL
 * once typing stops, shows an empty result count while its request runs (`useAsync` loading,
 * `aria-busy` on the list) and fills the count when the answer is rendered. The probe is a
 * MutationObserver that needs, in order, the URL's q = this query with the count empty (the new
 * search started), then the count filled with no busy list (its answer in the DOM). The clock
 * starts at the input event of the last key.
 */
export async function searchOnce(page: Page, q: string, keyDelayMs: number): Promise<SearchProbe> {
  await page.evaluate((query: string) => {
    const box = document.getElementById('incident-search') as HTMLInputElement | null;
    if (!box) throw new Error('no search box');
    let finish = (): void => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const state: PageProbeState = { q: query, lastInput: 0, sawLoading: false, done: 0, hrefs: [], countText: '', finished };
    const onInput = (): void => {
      state.lastInput = performance.now();
    };
    box.addEventListener('input', onInput, true);
    const check = (): void => {
      if (state.done || state.lastInput === 0) return;
      if ((new URLSearchParams(window.location.search).get('q') ?? '') !== query) return;
      const count = document.querySelector('.result-count')?.textContent ?? '';
      if (count === '') {
        state.sawLoading = true;
        return;
      }
      if (!state.sawLoading || document.querySelector('ol.result-list[aria-busy="true"]')) return;
      state.done = performance.now();
      state.countText = count;
      state.hrefs = Array.from(document.querySelectorAll('ol.result-list a.result-link')).map((a) => a.getAttribute('href') ?? '');
      observer.disconnect();
      box.removeEventListener('input', onInput, true);
      finish();
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    (window as unknown as { __vigilSearch: PageProbeState }).__vigilSearch = state;
    performance.clearResourceTimings();
    box.focus();
    box.select();
  }, q);
  await page.keyboard.type(q, { delay: keyDelayMs });
  return page.evaluate(async (query: string) => {
    const s = (window as unknown as { __vigilSearch: PageProbeState }).__vigilSearch;
    let timer = 0;
    await Promise.race([s.finished, new Promise((_, reject) => (timer = window.setTimeout(() => reject(new Error(`no results for ${query} in 30 s`)), 30_000)))]);
    window.clearTimeout(timer);
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const req = entries.filter((e) => e.name.includes('/api/v1/search?') && new URL(e.name).searchParams.get('q') === query).pop();
    if (!req) throw new Error(`no search request for ${query}`);
    return { ms: s.done - s.lastInput, url: req.name, requestStart: req.startTime - s.lastInput, responseEnd: req.responseEnd - s.lastInput, hrefs: s.hrefs, countText: s.countText };
  }, q);
}

/** A fetch from the page of a URL of the API, timed in the page: response and JSON parsed, ms. */
export async function fetchInPage(page: Page, url: string): Promise<{ ms: number; body: unknown }> {
  return page.evaluate(async (u: string) => {
    const t = performance.now();
    const r = await fetch(u, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const body: unknown = await r.json();
    const ms = performance.now() - t;
    if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`);
    return { ms, body };
  }, url);
}

export interface RenderProbe {
  /** From navigation start to every claim (cards and timeline rows) in the DOM, ms. */
  readonly ms: number;
  /** The incident's API request inside that span (Resource Timing, ms after navigation start). */
  readonly requestStart: number;
  readonly responseEnd: number;
}

/**
 * Client-side route change: clicks the result link to the incident on the page as it is, the
 * clock starting just before the click, and stops it when all `n` claims are in the DOM (one
 * card per claim, one timeline row per claim).
 */
export async function openIncidentByLink(page: Page, id: string, n: number): Promise<RenderProbe> {
  return page.evaluate(
    ({ id, n }) =>
      new Promise<RenderProbe>((resolve, reject) => {
        const link = document.querySelector<HTMLAnchorElement>(`a.result-link[href="/incidents/${id}"]`);
        if (!link) throw new Error('no link to the incident on the page');
        performance.clearResourceTimings();
        const timer = window.setTimeout(() => reject(new Error('the incident did not render in 30 s')), 30_000);
        const observer = new MutationObserver(() => {
          if (window.location.pathname !== `/incidents/${id}`) return;
          if (document.querySelectorAll('article.claim').length < n || document.querySelectorAll('ol.timeline > li').length < n) return;
          const ms = performance.now() - t0;
          observer.disconnect();
          window.clearTimeout(timer);
          const req = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => new URL(e.name).pathname === `/api/v1/incidents/${id}`).pop();
          resolve({ ms, requestStart: req ? req.startTime - t0 : NaN, responseEnd: req ? req.responseEnd - t0 : NaN });
        });
        observer.observe(document.body, { subtree: true, childList: true });
        const t0 = performance.now();
        link.click();
      }),
    { id, n },
  );
}

/**
 * A page for cold loads of an incident: the HTTP cache disabled (every script comes again), and
 * a probe installed before any of the page's own scripts runs, recording performance.now() —
 * milliseconds since navigation start — when all `n` claims are in the DOM.
 */
export async function coldLoadPage(context: BrowserContext, n: number): Promise<{ page: Page; load(url: string, id: string): Promise<RenderProbe> }> {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.addInitScript((claims: number) => {
    const w = window as unknown as { __vigilRendered?: number };
    const observer = new MutationObserver(() => {
      if (w.__vigilRendered !== undefined) return;
      if (document.querySelectorAll('article.claim').length < claims || document.querySelectorAll('ol.timeline > li').length < claims) return;
      w.__vigilRendered = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { subtree: true, childList: true });
  }, n);
  return {
    page,
    async load(url, id) {
      await page.goto(`${url}/incidents/${id}`, { waitUntil: 'commit' });
      return page.evaluate(async (incidentId: string) => {
        const w = window as unknown as { __vigilRendered?: number };
        const started = performance.now();
        while (w.__vigilRendered === undefined) {
          if (performance.now() - started > 30_000) throw new Error('the incident did not render in 30 s');
          await new Promise((r) => setTimeout(r, 25));
        }
        const req = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => new URL(e.name).pathname === `/api/v1/incidents/${incidentId}`).pop();
        return { ms: w.__vigilRendered, requestStart: req ? req.startTime : NaN, responseEnd: req ? req.responseEnd : NaN };
      }, id);
    },
  };
}
