/**
 * The seed journey, as a newcomer would make it: set up the first account on a fresh server,
 * sign in with the second factor, paste the January 2019 Moscow Times report, accept what
 * Vigil proposes, and find the incident with its figures, the NGO's claims and the official
 * denial side by side, and the dashboard counting them. No request leaves the origin.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, freshCode, freshServer, launch, screenshot, seriousViolations, type Browser, type Server } from './harness.js';

const SEED = path.join(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'samples', 'extraction', 'seed.txt');

/** The seed report when the shared samples are there; otherwise a text of ours with the same facts. */
const TEXT = existsSync(SEED)
  ? readFileSync(SEED, 'utf8')
  : [
      'At least two people were killed on Monday and 40 detained in a new crackdown on LGBT people in Russia’s Chechnya, a report published by the Russian LGBT Network quoted activists as saying.',
      'Igor Kochetkov, the programme director for the Russian LGBT Network, said that the detentions were conducted by law enforcement officers.',
      'However, a Chechen government spokesperson denied the allegations, RT reported. “If even a single person were arrested, let alone 40, the entire Chechen public would have known,” said spokesperson Alvi Kraimov. “The claim that two were killed is even more absurd.”',
    ].join('\n\n');

const ADMIN = { email: 'coordinator@example.org', displayName: 'Coordinator', password: 'correct horse battery staple vigil' };

let server: Server;
let b: Browser;

beforeAll(async () => {
  server = await freshServer();
  b = await launch();
});

afterAll(async () => {
  await b?.close();
  await server?.close();
});

/** The number at the start of a figure such as "at least 2" or "41 or more". */
const leadingNumber = (s: string | null): number => Number((s ?? '').replace(/[^\d\s]/g, ' ').trim().split(/\s+/)[0]);

describe('the seed journey', () => {
  let totpSecret = '';

  it('opens on set-up, creates the admin and shows the recovery key, the second factor and the codes once', async () => {
    const { page } = b;
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/setup$/);
    await page.getByLabel(/^Email/).fill(ADMIN.email);
    await page.getByLabel(/^Your name/).fill(ADMIN.displayName);
    await page.getByLabel(/^Password \(/).fill(ADMIN.password);
    await page.getByLabel(/^Password again/).fill('not the same password at all');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    // A field-level message, tied to its field, and nothing lost.
    const confirm = page.getByLabel(/^Password again/);
    await expect.poll(() => confirm.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-confirm-error').textContent()).toBe('The two passwords differ.');
    expect(await page.getByLabel(/^Email/).inputValue()).toBe(ADMIN.email);
    await confirm.fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create the administrator' }).click();

    await page.getByRole('heading', { name: /shown only once/ }).waitFor();
    expect((await page.getByTestId('recovery-key').textContent())?.trim().length).toBeGreaterThan(20);
    totpSecret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBeGreaterThan(0);
    const next = page.getByRole('button', { name: 'Continue to sign in' });
    expect(await next.isDisabled()).toBe(true);
    await page.getByLabel(/I have saved/).check();
    await next.click();
    await page.waitForURL(/\/sign-in/);
    // Shown once: going back does not show them again.
    await page.goto(`${server.url}/setup`);
    await page.getByText('Vigil is already set up').waitFor();
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
  });

  it('refuses a wrong code, then signs in with the second factor', async () => {
    const { page } = b;
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel(/^Email/).fill(ADMIN.email);
    await page.getByLabel(/^Password/).fill(ADMIN.password);
    await page.getByLabel(/^Code from your authenticator app/).fill('000000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The email, password or code is not right.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByLabel(/^Password/).fill(ADMIN.password);
    await page.getByLabel(/^Code from your authenticator app/).fill(await freshCode(totpSecret));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.locator('.user-menu').textContent()).toContain(ADMIN.displayName);
  });

  it('reads the pasted report, highlights the evidence, and saves the accepted proposals', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Add a source' }).click();
    await page.getByLabel(/^Text of the article/).fill(TEXT);
    await page.getByLabel(/^Publication date/).fill('2019-01-14');
    await page.getByLabel(/^Outlet/).fill('The Moscow Times');
    await page.getByRole('button', { name: 'Read the text' }).click();
    await page.getByRole('heading', { name: /^Proposed:/ }).waitFor();

    const incidents = page.getByTestId('proposed-incident');
    const statements = page.getByTestId('proposed-statement');
    expect(await incidents.filter({ hasText: /Killing\s*—\s*at least 2/ }).count()).toBeGreaterThan(0);
    expect(await incidents.filter({ hasText: /Detention\s*—\s*40/ }).count()).toBeGreaterThan(0);
    expect(await statements.filter({ hasText: 'Alvi Kraimov' }).filter({ hasText: 'via RT' }).filter({ hasText: 'Denies' }).count()).toBeGreaterThan(0);
    // Every proposal points at its words in the text.
    expect(await page.locator('.source-text mark.evidence').count()).toBeGreaterThan(3);
    await incidents.filter({ hasText: /Killing\s*—\s*at least 2/ }).first().getByRole('button', { name: 'Show in text' }).click();
    expect(await page.locator('.source-text mark.evidence.active').first().textContent()).toMatch(/killed/);
    await screenshot(page, 'add-source');

    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.getByRole('button', { name: 'Save the source and these decisions' }).click();
    await page.getByRole('heading', { name: 'Saved' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: /claim\(s\) accepted/ }).textContent()).toMatch(/\b[1-9]\d* claim\(s\) accepted, 0 rejected, 0 left for review/);
  });

  it('shows the incident: at least 2 killed and 40 detained, contested, the Network and the denial via RT side by side', async () => {
    const { page } = b;
    const links = page.getByRole('region', { name: 'Saved' }).getByRole('link').filter({ hasNotText: 'Edit' });
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
    let found = false;
    for (const href of hrefs) {
      await page.goto(`${server.url}${href}`);
      await page.getByRole('heading', { name: 'Acts and their figures' }).waitFor();
      if ((await page.locator('[data-testid=figure-killing]').count()) === 0) continue;
      if (!/^at least 2/.test((await page.locator('[data-testid=figure-killing]').textContent()) ?? '')) continue;
      found = true;
      break;
    }
    expect(found).toBe(true);
    expect(await page.locator('[data-testid=figure-detention]').textContent()).toMatch(/^40\b/);
    expect(await page.locator('.status-line').textContent()).toContain('Contested');

    // The NGO's claims and the spokesperson's denial, relayed by RT, in two columns side by side.
    const groups = page.getByRole('group', { name: /^Claims about/ });
    const withDenial = groups.filter({ has: page.getByRole('region', { name: /^Denying/ }).filter({ hasText: 'Alvi Kraimov' }) }).first();
    const alleging = withDenial.getByRole('region', { name: /^Alleging or confirming/ });
    const denying = withDenial.getByRole('region', { name: /^Denying/ });
    expect(await alleging.textContent()).toContain('Russian LGBT Network');
    const denial = await denying.textContent();
    expect(denial).toContain('Alvi Kraimov');
    expect(denial).toContain('via RT');
    const [a, d] = [await alleging.boundingBox(), await denying.boundingBox()];
    expect(a && d && d.x > a.x + a.width - 1 && Math.abs(d.y - a.y) < 2).toBe(true);
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(5);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('counts them on the dashboard', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const totals = page.locator('[data-testid=totals]');
    await totals.waitFor();
    expect(leadingNumber(await totals.locator('tr[data-act-type=killing] td').first().textContent())).toBeGreaterThanOrEqual(2);
    expect(leadingNumber(await totals.locator('tr[data-act-type=detention] td').first().textContent())).toBeGreaterThanOrEqual(40);
    expect(await page.getByRole('region', { name: /^Incidents awaiting review/ }).textContent()).toContain('Nothing is waiting for review.');
  });

  it('switching to Russian shows Russian labels on the same pages', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
    expect(await page.locator('[data-testid=totals] tr[data-act-type=killing] th').textContent()).toBe('Убийство');
    await page.getByRole('link', { name: 'Инциденты' }).click();
    await page.getByRole('heading', { level: 1, name: 'Инциденты' }).waitFor();
    await page.getByLabel('Поиск инцидентов').fill('задержание');
    await expect.poll(() => page.locator('.result').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('Вид нарушения').locator('option').allTextContents()).toContain('Любой');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('made no request to any other origin, and the pages logged no error but the refused code', () => {
    expect(foreignRequests(b.requests, server.url)).toEqual([]);
    // The wrong code's 401 is logged by the browser as a failed resource; nothing else is.
    expect(b.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
