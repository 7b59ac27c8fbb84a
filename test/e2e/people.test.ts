/**
 * People and audit: everyone appears by pseudonym; identifying details are shown only after an
 * explicit, confirmed "reveal" by a role allowed to; the reveal is in the audit log; a viewer
 * cannot reveal (no button, and the server refuses the request).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../../src/http/testing.js';
import { codeUsedNow, foreignRequests, launch, seriousViolations, serverWithAdmin, signInThroughTheForm, TEST_ADMIN, type Browser } from './harness.js';

let server: Awaited<ReturnType<typeof serverWithAdmin>>;
let admin: Browser;
let viewerBrowser: Browser;
let viewer: TestUser;

beforeAll(async () => {
  server = await serverWithAdmin();
  codeUsedNow(server.admin.totpSecret);
  const collections = (await server.http.inject({ method: 'GET', url: '/api/v1/collections', headers: { cookie: server.admin.cookie } })).json<{ items: { id: string }[] }>();
  viewer = await createTestUser(server.t, 'viewer', collections.items.map((c) => c.id));
  codeUsedNow(viewer.totpSecret);
  admin = await launch();
  viewerBrowser = await launch();
  await signInThroughTheForm(admin.page, server.url, { ...TEST_ADMIN, totpSecret: server.admin.totpSecret });
  await signInThroughTheForm(viewerBrowser.page, server.url, { email: viewer.email, password: viewer.password, totpSecret: viewer.totpSecret });
});

afterAll(async () => {
  await admin?.close();
  await viewerBrowser?.close();
  await server?.close();
});

describe('people and the audit log', () => {
  it('adds a person under a pseudonym; the list shows only the pseudonym', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.getByLabel(/^Pseudonym/).fill('Witness 7');
    await page.getByLabel(/^Names/).fill('Aslan Example');
    await page.getByLabel(/^Contacts/).fill('+7 900 000 00 00');
    await page.getByRole('button', { name: 'Add the person' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Witness 7' });
    await row.waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Aslan Example');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reveals the identity only after confirming, and the reveal is in the audit log', async () => {
    const { page } = admin;
    const row = page.getByRole('row').filter({ hasText: 'Witness 7' });
    await row.getByRole('button', { name: 'Reveal who Witness 7 is' }).click();
    expect(await page.locator('main').textContent()).not.toContain('Aslan Example');
    await row.getByRole('button', { name: 'Yes, reveal' }).click();
    const identity = page.getByRole('region', { name: 'Identifying details of Witness 7' });
    await identity.waitFor();
    expect(await identity.textContent()).toContain('Aslan Example');
    expect(await identity.textContent()).toContain('+7 900 000 00 00');
    await identity.getByRole('button', { name: 'Hide' }).click();
    expect(await page.locator('main').textContent()).not.toContain('Aslan Example');

    await page.getByRole('link', { name: 'Audit' }).click();
    const log = page.getByTestId('audit-log');
    await log.waitFor();
    expect(await log.getByRole('row').filter({ hasText: 'person.reveal' }).count()).toBe(1);
    expect(await page.getByTestId('chain-status').textContent()).toMatch(/The chain is intact/);
    await page.getByLabel('Action').fill('person.reveal');
    await expect.poll(() => log.getByRole('row').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a viewer sees the pseudonym but cannot reveal: no button, and the server refuses', async () => {
    const { page } = viewerBrowser;
    await page.getByRole('link', { name: 'People' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Witness 7' });
    await row.waitFor();
    expect(await row.getByRole('button', { name: /Reveal/ }).count()).toBe(0);
    expect(await row.textContent()).toContain('Not available to your role');
    expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    // Straight to the API, as a viewer's browser: 403, and nothing revealed.
    const status = await page.evaluate(async () => {
      const state = (await (await fetch('/api/v1/auth/state')).json()) as { csrfToken: string };
      const people = (await (await fetch('/api/v1/persons')).json()) as { items: { id: string }[] };
      const res = await fetch(`/api/v1/persons/${people.items[0]?.id}/reveal`, { method: 'POST', headers: { 'x-csrf-token': state.csrfToken, 'content-type': 'application/json' }, body: '{}' });
      return { status: res.status, body: await res.text() };
    });
    expect(status.status).toBe(403);
    expect(status.body).not.toContain('Aslan Example');
  });

  it('sign out everywhere ends the session', async () => {
    const { page } = viewerBrowser;
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${server.url}/people`);
    await page.waitForURL(/\/sign-in\?next=%2Fpeople/);
  });

  it('made no request to any other origin', () => {
    expect(foreignRequests([...admin.requests, ...viewerBrowser.requests], server.url)).toEqual([]);
  });
});
