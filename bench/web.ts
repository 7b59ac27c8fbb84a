/**
 * (g) The web app's budgets (tracker issue 5), in the system Chromium against the real server:
 *
 * - first-load JavaScript ≤ 250 KB gzipped: every script response of a first load of the
 *   Incidents page (fresh profile, so an empty cache), gzipped at level 9 (the server sends
 *   identity), beside a bare React app built by the same Vite in the same run;
 * - with 100,000 incidents, search results ≤ 300 ms after typing stops: from the input event of
 *   the last key to the result list of that query in the DOM (the app's 150 ms debounce
 *   included), beside the same /api/v1/search URL fetched from the page alone;
 * - an incident with 50 claims renders ≤ 200 ms: from navigation start (a client-side route
 *   change from the result list, and a cold page load) to all 50 claims in the DOM, beside the
 *   GET /api/v1/incidents/:id fetched from the page alone.
 *
 * Budgets are held against the p95. `npm run bench -- --only web [--scale 0.1]`.
 */
import os from 'node:os';
import { ACT_TYPES } from '../src/core/vocabularies.js';
import { ensureWebBuild } from '../src/http/static.js';
import { Corpus, VOCAB } from './data.js';
import type { BenchEnv } from './engines.js';
import { coldLoadPage, fetchInPage, launchBrowser, openIncidentByLink, recordScripts, searchOnce, signInThroughTheForm, type ScriptLoad } from './web-browser.js';
import { reactBaseline, type ReactBaseline } from './web-react.js';
import { BIG_CLAIMS, startWebServer } from './web-server.js';

export const WEB_BUDGETS = { firstLoadGzipBytes: 250 * 1024, searchMs: 300, incidentMs: 200 };

export interface P {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly n: number;
}

export interface WebFigures {
  readonly incidents: number;
  readonly chromium: string;
  /** os.loadavg()[0] when the browser part started and when it ended: other work on the machine. */
  readonly loadAverage: readonly [number, number];
  readonly firstLoad: { readonly signedIn: ScriptLoad; readonly signedOut: ScriptLoad; readonly react: ReactBaseline };
  readonly search: {
    readonly queries: readonly string[];
    readonly keyDelayMs: number;
    readonly browser: P;
    readonly api: P;
    /** Medians after the last keystroke: the app's request sent, its answer in, its rows in the DOM. */
    readonly phases: { readonly requestStart: number; readonly responseEnd: number; readonly rendered: number };
    /** Samples whose rendered rows differ from the API's hits for the same URL (should be 0). */
    readonly mismatches: number;
    readonly slowest: readonly { readonly q: string; readonly ms: number }[];
  };
  readonly incident: {
    readonly claims: number;
    readonly stances: number;
    readonly sources: number;
    readonly speakers: number;
    readonly routeChange: P;
    readonly coldLoad: P;
    readonly api: P;
    /** Medians after navigation start: the incident's request sent and answered (route change; cold load). */
    readonly phases: { readonly route: { readonly requestStart: number; readonly responseEnd: number }; readonly cold: { readonly requestStart: number; readonly responseEnd: number } };
  };
}

function percentiles(xs: readonly number[]): P {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]!, n: s.length };
}
const median = (xs: readonly number[]): number => percentiles(xs.filter((x) => Number.isFinite(x))).p50;

/**
 * About two dozen queries a monitor might type, from the corpus's own vocabulary: the commonest
 * words and middling and rare ones in English and Russian, two-word queries, act-type labels,
 * made-up surnames and case numbers taken from incidents that are in the corpus.
 */
function webQueries(corpus: Corpus, n: number): string[] {
  const { en, ru } = VOCAB;
  const out = [en[0]!, ru[0]!, en[1]!, ru[1]!, en[3]!, ru[3]!, en[40]!, ru[40]!, en[90]!, ru[90]!, en[en.length - 2]!, ru[ru.length - 2]!];
  out.push(`${en[0]} ${en[12]}`, `${ru[0]} ${ru[12]}`, `${en[5]} ${en[30]}`, `${ru[5]} ${ru[30]}`);
  const detention = ACT_TYPES.terms.find((t) => t.code === 'detention')!;
  const torture = ACT_TYPES.terms.find((t) => t.code === 'torture')!;
  out.push(detention.en, torture.ru);
  const surnames: string[] = [];
  const cases: string[] = [];
  for (let i = 7; i < n && (surnames.length < 4 || cases.length < 2); i += 997) {
    const it = corpus.item(i);
    const surname = /, ([^\s,]+) — /u.exec(it.incident.title)?.[1];
    const ru = /[а-я]/iu.test(it.incident.title);
    if (surname && surnames.length < 4 && surnames.filter((s) => /[а-я]/iu.test(s) === ru).length < 2) surnames.push(surname);
    const c = /\b(?:KUSP|UD|AP)-\d{5}\b/u.exec(it.incident.summary ?? '')?.[0];
    if (c && cases.length < 2) cases.push(c);
  }
  return [...new Set([...out, ...surnames, ...cases])];
}

export async function webBench(env: BenchEnv, opts: { incidents: number; seed: number; log: (s: string) => void; rounds?: number; renderRuns?: number }): Promise<WebFigures> {
  const { log } = opts;
  const built = await ensureWebBuild({ log: (line) => log(`  ${line}`) });
  log(`  web app: ${built.built ? 'built into' : 'up to date in'} ${built.dist}`);
  const react = await reactBaseline();

  log(`  loading ${opts.incidents} incidents into SQLite (setup, not measured)`);
  const server = await startWebServer(env, opts.incidents, opts);
  const big = server.big;
  log(`  server at ${server.url}; incident with ${big.claims} claims (${big.stances} stances, ${big.sources} sources, ${big.speakers} speakers): ${big.id}`);
  const signedOutBrowser = await launchBrowser();
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const load0 = os.loadavg()[0]!;
  try {
    // ---- first load: fresh profiles, so nothing is cached ----
    const a = signedOutBrowser.page;
    const signedOut = await recordScripts(a, async () => {
      await a.goto(`${server.url}/incidents`);
      await a.getByLabel(/^Email/).waitFor();
    });
    await signInThroughTheForm(a, server.url, server.admin);
    browser = await launchBrowser();
    await browser.context.addCookies(await signedOutBrowser.context.cookies());
    await signedOutBrowser.close();
    const page = browser.page;
    const signedIn = await recordScripts(page, async () => {
      await page.goto(`${server.url}/incidents`);
      await page.locator('ol.result-list a.result-link').first().waitFor();
    });
    const chromium = /(?:Headless)?Chrome\/([\d.]+)/.exec(await page.evaluate(() => navigator.userAgent))?.[1] ?? '?';
    log(`  first load: ${kb(signedIn.gzipBytes)} gzipped signed in, ${kb(signedOut.gzipBytes)} signed out; bare React app ${kb(react.gzipBytes)}`);
    await page.evaluate(() => performance.setResourceTimingBufferSize(10_000));

    // ---- search: type, wait for this query's rows ----
    const queries = webQueries(new Corpus(opts.seed, server.refs), opts.incidents);
    const keyDelayMs = 40;
    const urls = new Map<string, string>();
    for (const q of queries) urls.set(q, (await searchOnce(page, q, keyDelayMs)).url); // warm-up round, untimed
    const browserMs: number[] = [];
    const apiMs: number[] = [];
    const phases = { requestStart: [] as number[], responseEnd: [] as number[], rendered: [] as number[] };
    const byQuery: { q: string; ms: number }[] = [];
    let mismatches = 0;
    const rounds = opts.rounds ?? 2;
    for (let r = 0; r < rounds; r++) {
      for (const [i, q] of queries.entries()) {
        // Alternate which goes first, so neither always meets a warmer server.
        const api = async () => {
          const f = await fetchInPage(page, urls.get(q)!);
          apiMs.push(f.ms);
          return (f.body as { hits: { id: string; incidentId: string | null }[] }).hits.map((h) => `/incidents/${h.incidentId ?? h.id}`);
        };
        let expected: string[];
        let probe;
        if ((i + r) % 2 === 0) {
          probe = await searchOnce(page, q, keyDelayMs);
          expected = await api();
        } else {
          expected = await api();
          probe = await searchOnce(page, q, keyDelayMs);
        }
        if (probe.url !== urls.get(q) || probe.hrefs.join() !== expected.join()) mismatches++;
        browserMs.push(probe.ms);
        phases.requestStart.push(probe.requestStart);
        phases.responseEnd.push(probe.responseEnd);
        phases.rendered.push(probe.ms);
        byQuery.push({ q, ms: probe.ms });
      }
    }
    const search = {
      queries,
      keyDelayMs,
      browser: percentiles(browserMs),
      api: percentiles(apiMs),
      phases: { requestStart: median(phases.requestStart), responseEnd: median(phases.responseEnd), rendered: median(phases.rendered) },
      mismatches,
      slowest: byQuery.sort((x, y) => y.ms - x.ms).slice(0, 5),
    };
    log(`  search: p50 ${ms(search.browser.p50)} p95 ${ms(search.browser.p95)}; API alone p50 ${ms(search.api.p50)} p95 ${ms(search.api.p95)}`);

    // ---- the incident with 50 claims: route change from the result list, then cold loads ----
    const runs = opts.renderRuns ?? 20;
    const incidentApi = `${server.url}/api/v1/incidents/${big.id}`;
    const apiRender: number[] = [];
    const link = page.locator(`a.result-link[href="/incidents/${big.id}"]`);
    await page.goto(`${server.url}/incidents?q=${big.word}`);
    await link.waitFor();
    const route: { ms: number; requestStart: number; responseEnd: number }[] = [];
    for (let r = -1; r < runs; r++) {
      if (r >= 0 && r % 2 === 1) apiRender.push((await fetchInPage(page, incidentApi)).ms);
      const probe = await openIncidentByLink(page, big.id, BIG_CLAIMS);
      if (r >= 0) route.push(probe);
      await page.evaluate(() => window.history.back());
      await link.waitFor();
      if (r >= 0 && r % 2 === 0) apiRender.push((await fetchInPage(page, incidentApi)).ms);
    }
    const cold = await coldLoadPage(browser.context, BIG_CLAIMS);
    const coldRuns: { ms: number; requestStart: number; responseEnd: number }[] = [];
    const coldN = Math.max(10, Math.round(runs / 2));
    for (let r = -1; r < coldN; r++) {
      if (r >= 0 && r % 2 === 1) apiRender.push((await fetchInPage(page, incidentApi)).ms);
      const probe = await cold.load(server.url, big.id);
      if (r >= 0) coldRuns.push(probe);
      if (r >= 0 && r % 2 === 0) apiRender.push((await fetchInPage(page, incidentApi)).ms);
    }
    await cold.page.close();
    const incident = {
      claims: big.claims,
      stances: big.stances,
      sources: big.sources,
      speakers: big.speakers,
      routeChange: percentiles(route.map((x) => x.ms)),
      coldLoad: percentiles(coldRuns.map((x) => x.ms)),
      api: percentiles(apiRender),
      phases: {
        route: { requestStart: median(route.map((x) => x.requestStart)), responseEnd: median(route.map((x) => x.responseEnd)) },
        cold: { requestStart: median(coldRuns.map((x) => x.requestStart)), responseEnd: median(coldRuns.map((x) => x.responseEnd)) },
      },
    };
    log(`  incident: route change p50 ${ms(incident.routeChange.p50)} p95 ${ms(incident.routeChange.p95)}; cold load p50 ${ms(incident.coldLoad.p50)} p95 ${ms(incident.coldLoad.p95)}; API alone p50 ${ms(incident.api.p50)}`);
    return { incidents: server.incidents, chromium, loadAverage: [load0, os.loadavg()[0]!], firstLoad: { signedIn, signedOut, react }, search, incident };
  } finally {
    await browser?.close();
    await signedOutBrowser.close().catch(() => undefined);
    await server.close();
  }
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const ok = (b: boolean): string => (b ? 'holds' : 'MISSED');

export function printWebReport(f: WebFigures, log: (s: string) => void): void {
  const b = WEB_BUDGETS;
  const { signedIn, signedOut, react } = f.firstLoad;
  const s = f.search;
  const i = f.incident;
  log(`(g) Web app budgets — ${f.incidents.toLocaleString('en-US')} incidents on SQLite, Chromium ${f.chromium} headless, load average ${f.loadAverage[0].toFixed(1)} → ${f.loadAverage[1].toFixed(1)}; budgets against the p95`);
  log(
    `  first-load JavaScript, /incidents signed in: ${kb(signedIn.gzipBytes)} gzipped (${signedIn.files.length} files, ${kb(signedIn.bytes)} raw) beside a bare React app ${kb(react.gzipBytes)} (react + react-dom as published: ${kb(react.publishedGzipBytes)}) — budget ≤ ${kb(b.firstLoadGzipBytes)}: ${ok(signedIn.gzipBytes <= b.firstLoadGzipBytes)}`,
  );
  log(`  first-load JavaScript, signed out (lands on /sign-in): ${kb(signedOut.gzipBytes)} gzipped (${signedOut.files.length} files) — budget ≤ ${kb(b.firstLoadGzipBytes)}: ${ok(signedOut.gzipBytes <= b.firstLoadGzipBytes)}`);
  log(
    `  search, last keystroke → this query's rows in the DOM (${s.queries.length} queries × ${s.browser.n / s.queries.length}): p50 ${ms(s.browser.p50)}, p95 ${ms(s.browser.p95)}, max ${ms(s.browser.max)} beside the API call alone from the page p50 ${ms(s.api.p50)}, p95 ${ms(s.api.p95)} — budget ≤ ${b.searchMs} ms: ${ok(s.browser.p95 <= b.searchMs)}`,
  );
  log(
    `    medians after the last key: request sent +${ms(s.phases.requestStart)} (150 ms debounce), answered +${ms(s.phases.responseEnd)}, rows in the DOM +${ms(s.phases.rendered)}; rows ≠ API hits: ${s.mismatches}; slowest: ${s.slowest.map((x) => `${x.q} ${ms(x.ms)}`).join(', ')}`,
  );
  log(
    `  incident with ${i.claims} claims, route change from the list → all claims in the DOM: p50 ${ms(i.routeChange.p50)}, p95 ${ms(i.routeChange.p95)} (${i.routeChange.n} runs) beside GET /api/v1/incidents/:id alone p50 ${ms(i.api.p50)}, p95 ${ms(i.api.p95)} — budget ≤ ${b.incidentMs} ms: ${ok(i.routeChange.p95 <= b.incidentMs)}`,
  );
  log(
    `  incident with ${i.claims} claims, cold page load (no HTTP cache) → all claims in the DOM: p50 ${ms(i.coldLoad.p50)}, p95 ${ms(i.coldLoad.p95)} (${i.coldLoad.n} runs) — budget ≤ ${b.incidentMs} ms: ${ok(i.coldLoad.p95 <= b.incidentMs)}`,
  );
  log(
    `    medians after navigation start, incident request sent/answered: route change +${ms(i.phases.route.requestStart)}/+${ms(i.phases.route.responseEnd)}, cold load +${ms(i.phases.cold.requestStart)}/+${ms(i.phases.cold.responseEnd)}`,
  );
}
