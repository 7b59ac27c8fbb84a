/**
 * The browser journeys' harness: the real HTTP app (with the built web app) listening on
 * 127.0.0.1 on a random port, the system Chromium driven by playwright-core with a fresh
 * profile, a record of every request the pages make, axe-core injected from node_modules
 * (no network), and TOTP codes for signing in.
 */
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadDemo, type DemoResult } from '../../src/app/demo.js';
import { createApp, systemClock, uuidV7Ids, type VigilApp } from '../../src/app/index.js';
import { totpCode } from '../../src/crypto/totp.js';
import { sqliteEngine } from '../../src/db/testing.js';
import { extract } from '../../src/extract/index.js';
import { buildHttpApp } from '../../src/http/app.js';
import { WEB_DIST } from '../../src/http/static.js';
import { buildTestHttp, TEST_ADMIN, testSecurity, type TestHttp, type TestUser } from '../../src/http/testing.js';
import type { FastifyInstance } from 'fastify';

export const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';
const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = path.join(REPO, 'docs', 'screenshots');

export interface Server {
  readonly url: string;
  readonly http: FastifyInstance;
  readonly app: VigilApp;
  close(): Promise<void>;
}

async function listen(http: FastifyInstance): Promise<string> {
  return http.listen({ host: '127.0.0.1', port: 0 });
}

/** A server set up with its admin (src/http/testing.ts) and, when asked, the demo story. */
export async function serverWithAdmin(opts: { demo?: boolean } = {}): Promise<Server & { t: TestHttp; admin: TestUser; demo?: DemoResult }> {
  const t = await buildTestHttp({ webRoot: WEB_DIST });
  const demo = opts.demo ? await t.app.batch((ctx) => loadDemo(ctx)) : undefined;
  const url = await listen(t.http);
  return { url, http: t.http, app: t.app, t, admin: t.admin, ...(demo ? { demo } : {}), close: () => t.close() };
}

/** A fresh server with no account at all: the web app opens on set-up. */
export async function freshServer(): Promise<Server> {
  const store = await sqliteEngine.open();
  const app = createApp({ store, clock: systemClock, ids: uuidV7Ids, extractor: { extract }, security: testSecurity() });
  await app.ensureDefaultCollection();
  await app.seedGazetteer();
  const http = await buildHttpApp({ app, webRoot: WEB_DIST });
  const url = await listen(http);
  return {
    url,
    http,
    app,
    async close() {
      await http.close();
      await store.close();
    },
  };
}

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every URL any page of this browser asked for, in order. */
  readonly requests: string[];
  /** Console errors and uncaught exceptions of the pages (a CSP violation shows up here). */
  readonly errors: string[];
  close(): Promise<void>;
}

export async function launch(opts: { locale?: string } = {}): Promise<Browser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'vigil-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: opts.locale ?? 'en-GB',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.setDefaultTimeout(20_000);
  return {
    context,
    page,
    requests,
    errors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The requests that left the server's origin (there must be none). */
export function foreignRequests(requests: readonly string[], origin: string): string[] {
  return requests.filter((u) => new URL(u).origin !== new URL(origin).origin);
}

// ---- signing in ----

const lastStep = new Map<string, number>();

/**
 * A TOTP code the server will take: each code works once, so after a sign-in in the same
 * 30-second step the next one uses the following step (accepted one step early), waiting when
 * even that has been used.
 */
export async function freshCode(secret: string): Promise<string> {
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / 30_000);
    const step = Math.max(current, (lastStep.get(secret) ?? current - 1) + 1);
    if (step <= current + 1) {
      lastStep.set(secret, step);
      return totpCode(secret, new Date(step * 30_000 + 1_000));
    }
    await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - now + 500));
  }
}

/** Marks the step a sign-in outside the browser used (buildTestHttp signs the admin in). */
export function codeUsedNow(secret: string): void {
  lastStep.set(secret, Math.floor(Date.now() / 30_000));
}

export async function signInThroughTheForm(page: Page, url: string, who: { email: string; password: string; totpSecret: string }): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel(/^Email/).fill(who.email);
  await page.getByLabel(/^Password/).fill(who.password);
  await page.getByLabel(/^Code from your authenticator app/).fill(await freshCode(who.totpSecret));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

export { TEST_ADMIN };

// ---- accessibility ----

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(path.join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // Not page.addScriptTag: the app's Content-Security-Policy (rightly) blocks inline scripts.
  // Evaluating through the DevTools protocol runs the same source without weakening the CSP.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// ---- screenshots for the README ----

/** Saves a screenshot to docs/screenshots/<name>.png when VIGIL_SCREENSHOTS=1 (they are committed). */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.VIGIL_SCREENSHOTS !== '1') return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: opts.fullPage ?? false, animations: 'disabled', caret: 'hide' });
}
