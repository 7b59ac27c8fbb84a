/**
 * Editing a proposal before it is accepted, on "Add a source": the reviewer opens a proposed
 * act with the keyboard, changes its figure from 40 to "at least 41" and names the perpetrators,
 * changes who relayed a statement, and saves. A change the API refuses (a negative figure) is
 * shown at its field, tied to it, and nothing typed is lost; corrected, the save goes through
 * and the incident page shows the edited figure, the perpetrators and the relay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeUsedNow, foreignRequests, launch, seriousViolations, serverWithAdmin, signInThroughTheForm, TEST_ADMIN, type Browser } from './harness.js';

const TEXT = [
  'At least two people were killed on Monday and 40 detained in a new crackdown on LGBT people in Russia’s Chechnya, a report published by the Russian LGBT Network quoted activists as saying.',
  'Igor Kochetkov, the programme director for the Russian LGBT Network, said that the detentions were conducted by law enforcement officers.',
  'However, a Chechen government spokesperson denied the allegations, RT reported. “If even a single person were arrested, let alone 40, the entire Chechen public would have known,” said spokesperson Alvi Kraimov. “The claim that two were killed is even more absurd.”',
].join('\n\n');

let server: Awaited<ReturnType<typeof serverWithAdmin>>;
let b: Browser;
/** Which of the proposed acts is the detention of 40 (its text changes as it is edited). */
let detentionIndex = -1;

const detentionItem = () => b.page.getByTestId('proposed-incident').nth(detentionIndex);
const kraimovItem = () => b.page.getByTestId('proposed-statement').filter({ hasText: 'Alvi Kraimov' }).first();

beforeAll(async () => {
  server = await serverWithAdmin();
  codeUsedNow(server.admin.totpSecret);
  b = await launch();
  await signInThroughTheForm(b.page, server.url, { ...TEST_ADMIN, totpSecret: server.admin.totpSecret });
});

afterAll(async () => {
  await b?.close();
  await server?.close();
});

describe('editing a proposal before accepting it', () => {
  it('opens a proposed act with the keyboard and changes it in place, with labelled controls', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Add a source' }).click();
    await page.getByLabel(/^Text of the article/).fill(TEXT);
    await page.getByLabel(/^Publication date/).fill('2019-01-14');
    await page.getByLabel(/^Outlet/).fill('The Moscow Times');
    await page.getByRole('button', { name: 'Read the text' }).click();
    await page.getByRole('heading', { name: /^Proposed:/ }).waitFor();

    const texts = await page.getByTestId('proposed-incident').locator('.item-title').allTextContents();
    detentionIndex = texts.findIndex((x) => /Detention\s*—\s*40$/.test(x.trim()));
    expect(detentionIndex).toBeGreaterThanOrEqual(0);
    const detention = detentionItem();
    const edit = detention.getByRole('button', { name: /^Edit Detention/ });
    expect(await edit.getAttribute('aria-expanded')).toBe('false');
    await edit.focus();
    await page.keyboard.press('Enter');
    expect(await edit.getAttribute('aria-expanded')).toBe('true');
    const editor = detention.getByRole('group', { name: /^Changes to Detention/ });
    await editor.waitFor();

    // A refused value first: the API does not take a negative figure.
    await editor.getByLabel(/^Qualifier/).selectOption({ label: 'At least' });
    await editor.getByLabel(/^Number/).fill('-1');
    await editor.getByLabel(/^Perpetrators/).fill('Chechen police');
    // The list shows the draft at once.
    await detention.getByText('edited', { exact: true }).waitFor();
    expect(await detention.locator('.item-title').textContent()).toMatch(/Detention\s*—\s*at least -1/);

    const kraimov = kraimovItem();
    await kraimov.getByRole('button', { name: /^Edit Alvi Kraimov/ }).click();
    await kraimov.getByRole('group', { name: /^Changes to Alvi Kraimov/ }).getByLabel(/^Relayed by/).fill('RT (Russia Today)');
    expect(await seriousViolations(page)).toEqual([]);

    // The same controls in Russian, with the draft as it was.
    await page.getByRole('button', { name: 'Русский' }).click();
    const russian = detention.getByRole('group', { name: /^Правка: Задержание/ });
    await russian.waitFor();
    expect(await russian.getByLabel(/^Уточнение/).locator('option:checked').textContent()).toBe('Не менее');
    expect(await russian.getByLabel(/^Исполнители/).inputValue()).toBe('Chechen police');
    expect(await detention.getByRole('button', { name: /^Изменить: Задержание/ }).getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'English' }).click();
    await editor.waitFor();
  });

  it('shows the field error of a refused change and keeps every change', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.getByRole('button', { name: 'Save the source and these decisions' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'some changes were refused' });
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/Figure · Number/);

    const detention = detentionItem();
    expect(await detention.locator('.item-title').textContent()).toMatch(/Detention\s*—\s*at least -1/);
    const number = detention.getByLabel(/^Number/);
    await expect.poll(() => number.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await number.getAttribute('aria-describedby')) ?? '';
    expect(errorId).toMatch(/-error$/);
    expect((await page.locator(`#${errorId}`).textContent())?.trim()).toMatch(/\S/);
    // Nothing lost: the number, the perpetrators and the statement's relay are as typed.
    expect(await number.inputValue()).toBe('-1');
    expect(await detention.getByLabel(/^Perpetrators/).inputValue()).toBe('Chechen police');
    const kraimov = kraimovItem();
    expect(await kraimov.getByLabel(/^Relayed by/).inputValue()).toBe('RT (Russia Today)');
    // Nothing was decided: the incidents still await review.
    const pending = await server.http.inject({ method: 'GET', url: '/api/v1/incidents?review=proposed', headers: { cookie: server.admin.cookie } });
    expect(pending.json<{ total: number }>().total).toBeGreaterThan(0);
    const accepted = await server.http.inject({ method: 'GET', url: '/api/v1/incidents?review=accepted', headers: { cookie: server.admin.cookie } });
    expect(accepted.json<{ total: number }>().total).toBe(0);
  });

  it('saves the corrected change before accepting, and the incident shows the edited figure', async () => {
    const { page } = b;
    const detention = detentionItem();
    await detention.getByLabel(/^Number/).fill('41');
    await detention.getByRole('button', { name: 'Done' }).click();
    expect(await detention.locator('.item-title').textContent()).toMatch(/Detention\s*—\s*at least 41/);
    // The editor closed and the focus went back to its button.
    expect(await detention.getByRole('button', { name: /^Edit Detention/ }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Save the source and these decisions' }).click();
    await page.getByRole('heading', { name: 'Saved' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: /claim\(s\) accepted/ }).textContent()).toMatch(/\b[1-9]\d* claim\(s\) accepted, 0 rejected, 0 left for review/);

    await page.getByRole('region', { name: 'Saved' }).getByRole('link').filter({ hasNotText: 'Edit' }).first().click();
    await page.getByRole('heading', { name: 'Acts and their figures' }).waitFor();
    expect(await page.locator('[data-testid=figure-detention]').textContent()).toMatch(/^at least 41\b/);
    expect(await page.locator('[data-testid=figure-killing]').textContent()).toMatch(/^at least 2\b/);
    expect(await page.locator('main').textContent()).toContain('Chechen police');
    expect(await page.locator('main').textContent()).toContain('via RT (Russia Today)');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('moves a proposal that shares its act to an act of another type, and records a corrected speaker', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Add a source' }).click();
    await page.getByLabel(/^Text of the article/).fill(
      'Police detained 12 protesters in Grozny, Chechnya on Sunday, the human rights group Memorial said. Police also detained five journalists in Grozny on Sunday. A police spokesman, Ivan Petrov, denied that anyone had been detained, Interfax reported.',
    );
    await page.getByLabel(/^Publication date/).fill('2019-03-04');
    await page.getByRole('button', { name: 'Read the text' }).click();
    await page.getByRole('heading', { name: /^Proposed:/ }).waitFor();

    // Three detentions on one day make one act; the journalists' was in fact an abduction.
    const texts = await page.getByTestId('proposed-incident').locator('.item-title').allTextContents();
    const five = page.getByTestId('proposed-incident').nth(texts.findIndex((x) => /Detention\s*—\s*5$/.test(x.trim())));
    await five.getByRole('button', { name: /^Edit Detention/ }).click();
    await five.getByLabel(/^Act type/).selectOption({ label: 'Abduction' });
    await five.getByRole('button', { name: 'Done' }).click();
    expect(await five.locator('.item-title').textContent()).toMatch(/Abduction\s*—\s*5/);

    const petrov = page.getByTestId('proposed-statement').filter({ hasText: 'Ivan Petrov' });
    await petrov.getByRole('button', { name: /^Edit Ivan Petrov/ }).click();
    await petrov.getByLabel(/^Speaker \(a person\)/).fill('Ivan Petrovich');
    await petrov.getByLabel(/^Organisation/).fill('Grozny police');
    await petrov.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Save the source and these decisions' }).click();
    await page.getByRole('heading', { name: 'Saved' }).waitFor();
    await page.getByRole('region', { name: 'Saved' }).getByRole('link').filter({ hasNotText: 'Edit' }).first().click();
    await page.getByRole('heading', { name: 'Acts and their figures' }).waitFor();
    expect(await page.locator('[data-testid=figure-abduction]').textContent()).toMatch(/^5\b/);
    expect(await page.locator('[data-testid=figure-detention]').textContent()).toMatch(/^12\b/);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Ivan Petrovich');
    expect(main).toContain('Grozny police');
  });

  it('made no request to any other origin and logged no error but the refused change', () => {
    expect(foreignRequests(b.requests, server.url)).toEqual([]);
    expect(b.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
