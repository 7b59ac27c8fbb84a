/**
 * The main pages on the demo story (the January 2019 Chechnya report, src/app/demo.ts): the
 * incidents list and search, the incident with its figures and the claims for and against them
 * side by side, the dashboard; Russian labels; keyboard use; no request off the origin; no
 * serious or critical axe violation. Screenshots for the README come from here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeUsedNow, foreignRequests, launch, screenshot, seriousViolations, serverWithAdmin, signInThroughTheForm, TEST_ADMIN, type Browser } from './harness.js';

let server: Awaited<ReturnType<typeof serverWithAdmin>>;
let b: Browser;

beforeAll(async () => {
  server = await serverWithAdmin({ demo: true });
  codeUsedNow(server.admin.totpSecret);
  b = await launch();
  await signInThroughTheForm(b.page, server.url, { ...TEST_ADMIN, totpSecret: server.admin.totpSecret });
});

afterAll(async () => {
  await b?.close();
  await server?.close();
});

const incidentPath = (): string => `/incidents/${server.demo?.incidentId}`;

describe('the web app on the demo story', () => {
  it('lists the incidents, newest first, with status, date and figures', async () => {
    const { page } = b;
    await page.goto(`${server.url}/incidents`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'incidents' }).first().textContent()).toMatch(/1–2 of 2 incidents/);
    const results = page.locator('.result');
    await expect.poll(() => results.count()).toBe(2);
    const crackdown = results.filter({ hasText: 'Crackdown on LGBT people in Chechnya' });
    expect(await crackdown.textContent()).toMatch(/Contested/);
    expect(await crackdown.textContent()).toMatch(/Killing: at least 2/);
    expect(await crackdown.textContent()).toMatch(/Detention: 40/);
    await screenshot(page, 'incidents');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('searches as you type, with facets, and moves through the results with the keyboard', async () => {
    const { page } = b;
    await page.goto(`${server.url}/incidents`);
    await page.locator('.result').first().waitFor();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('incident-search');
    await page.keyboard.type('torture');
    await page.waitForURL(/q=torture/);
    await expect.poll(() => page.locator('.result').count()).toBe(1);
    // Facets come from the matches: one country (Russia) and one region (Chechnya).
    const region = page.getByLabel('Region');
    await expect.poll(() => region.locator('option').allTextContents()).toEqual(['Any', 'Chechnya (1)']);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Crackdown on LGBT people/);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(incidentPath()));
    // The new page's heading takes focus, so a screen reader announces it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });

  it('shows each figure with the claims behind it: allegations and denials side by side', async () => {
    const { page } = b;
    await page.goto(`${server.url}${incidentPath()}`);
    await page.getByRole('heading', { level: 1, name: /Crackdown on LGBT people/ }).waitFor();
    expect(await page.locator('[data-testid=figure-killing]').textContent()).toMatch(/^at least 2/);
    expect(await page.locator('[data-testid=figure-detention]').textContent()).toMatch(/^40/);
    expect(await page.locator('.status-line').textContent()).toContain('Contested');

    const killing = page.getByRole('group', { name: 'Claims about Killing' });
    const alleging = killing.getByRole('region', { name: /^Alleging or confirming/ });
    const denying = killing.getByRole('region', { name: /^Denying/ });
    expect(await alleging.textContent()).toContain('via Russian LGBT Network');
    expect(await alleging.textContent()).toContain('Alleges');
    const denial = await denying.textContent();
    expect(denial).toContain('Alvi Kraimov');
    expect(denial).toContain('Chechen Republic government');
    expect(denial).toContain('via RT');
    expect(denial).toContain('Denies');
    // Side by side: the denial's column starts level with the allegation's, to its right.
    const [a, d] = [await alleging.boundingBox(), await denying.boundingBox()];
    expect(a && d && d.x > a.x + a.width - 1 && Math.abs(d.y - a.y) < 2).toBe(true);

    // The status says where it comes from, and the timeline lists every claim.
    expect(await page.getByRole('region', { name: 'How the status was derived' }).textContent()).toMatch(/Denied by 3 claims/);
    expect(await page.locator('.timeline li').count()).toBe(18);
    await screenshot(page, 'incident');
    await page.locator('#acts-title').evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 8));
    await screenshot(page, 'incident-claims');
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('counts the demo on the dashboard, with the chart, the table by place and the map', async () => {
    const { page } = b;
    await page.goto(`${server.url}/`);
    const totals = page.locator('[data-testid=totals]');
    await totals.waitFor();
    // Both incidents count: 2 + 3 killed, 40 + 1 detained (lower bounds; the figures are open above).
    expect(await totals.locator('tr[data-act-type=killing] td').first().textContent()).toBe('5 or more');
    expect(await totals.locator('tr[data-act-type=detention] td').first().textContent()).toBe('41 or more');
    expect(await page.locator('.chart-svg rect').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=by-place]').textContent()).toContain('Chechnya');
    await page.locator('.map-svg path.has-data').first().waitFor();
    expect(await page.locator('.map-svg path.has-data').count()).toBe(1);
    // Russia is shaded (not the colour of a country without data), and says what it counts.
    const russia = page.locator('.map-svg path.has-data').first();
    expect(await russia.evaluate((p) => getComputedStyle(p).fill)).not.toBe(await page.locator('.map-svg path:not(.has-data)').first().evaluate((p) => getComputedStyle(p).fill));
    expect(await russia.locator('title').textContent()).toBe('Russia: 53');
    expect(await page.getByRole('region', { name: 'Latest claims' }).locator('li').count()).toBeGreaterThan(0);
    await screenshot(page, 'dashboard', { fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('switches to Russian: labels, vocabularies, dates and numbers; and keeps the choice', async () => {
    const { page } = b;
    await page.goto(`${server.url}${incidentPath()}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'Нарушения и их число' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('[data-testid=figure-killing]').textContent()).toMatch(/^не менее 2/);
    expect(await page.locator('.status-line').textContent()).toContain('Оспаривается');
    expect(await page.getByRole('heading', { name: 'Убийство' }).count()).toBe(1);
    expect(await page.getByRole('group', { name: /Утверждения о нарушении «Убийство»/ }).textContent()).toContain('через RT');
    expect(await page.locator('.facts').first().textContent()).toMatch(/декабр/);
    await page.getByRole('link', { name: 'Обзор' }).click();
    await page.locator('[data-testid=totals]').waitFor();
    expect(await page.locator('[data-testid=totals] tr[data-act-type=detention] th').textContent()).toBe('Задержание');
    expect(await page.locator('[data-testid=totals] tr[data-act-type=killing] td').first().textContent()).toBe('5 и более');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
    await screenshot(page, 'dashboard-ru');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  });

  it('shows the server\'s validation message at its field, loses nothing when a save fails, then saves', async () => {
    const { page } = b;
    await page.goto(`${server.url}/incidents/new`);
    await page.getByLabel(/^Title/).fill('Raid on a shelter');
    const date = page.getByRole('group', { name: 'Date', exact: true });
    await date.getByLabel('Precision').selectOption('day');
    await date.getByLabel(/^From/).fill('2024-03-05');
    await date.getByLabel(/^To/).fill('2024-03-01');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // The API's 400 names date.end: the message is beside that field and in the summary, which takes focus.
    await page.locator('#f-date-end-error').filter({ hasText: /./ }).waitFor();
    expect(await page.locator('#f-date-end').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-date-end-error').textContent()).toContain('end must not be before start');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    // A reload keeps the draft.
    await page.reload();
    await page.getByText('Unsaved changes from earlier were restored.').waitFor();
    expect(await page.getByLabel(/^Title/).inputValue()).toBe('Raid on a shelter');
    await page.getByRole('group', { name: 'Date', exact: true }).getByLabel(/^To/).fill('2024-03-06');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Raid on a shelter' }).waitFor();
    expect(await page.locator('.facts').first().textContent()).toMatch(/5\s*–\s*6 March 2024/);
    await page.goto(`${server.url}/incidents/new`);
    expect(await page.getByLabel(/^Title/).inputValue()).toBe('');
  });

  it('made no request to any other origin, and the pages logged no error but the refused save', () => {
    expect(b.requests.length).toBeGreaterThan(10);
    expect(foreignRequests(b.requests, server.url)).toEqual([]);
    // The browser logs the 400 of the refused save as a failed resource; nothing else is logged.
    expect(b.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(b.errors.filter((e) => /status of 400/.test(e))).toHaveLength(1);
  });
});
