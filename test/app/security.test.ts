import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, randomIds, type BoundUseCases, type VigilApp } from '../../src/app/index.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/app/sessions.js';
import type { Clock, Store } from '../../src/core/ports.js';
import { createSecurityServices, newServerSecret, TEST_PASSWORD_COST } from '../../src/crypto/services.js';
import { totpCode } from '../../src/crypto/totp.js';
import { testEngines } from '../../src/db/testing.js';

/** A clock the test moves by hand. */
function fakeClock(start = '2026-03-02T09:00:00.000Z'): Clock & { advance(ms: number): void } {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

const ADMIN = { email: 'admin@vigil.test', password: 'a long admin passphrase here', displayName: 'Admin' };
const STEP = 30_000;

describe.each(testEngines())('accounts, sign-in and sessions on $name', (engine) => {
  let store: Store;
  let app: VigilApp;
  let clock: ReturnType<typeof fakeClock>;
  let adminTotp: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    store = await engine.open();
    clock = fakeClock();
    app = createApp({ store, clock, ids: randomIds, security: createSecurityServices({ serverSecret: newServerSecret(), passwordCost: TEST_PASSWORD_COST }) });
    await app.ensureDefaultCollection();
  });
  afterAll(async () => {
    await store?.close();
  });

  const signIn = (code?: string, password = ADMIN.password, email = ADMIN.email) =>
    app.auth.signIn({ email, password, code: code ?? totpCode(adminTotp, clock.now()) });

  it('refuses a short or common password at set-up and writes nothing', async () => {
    await expect(app.setupAdmin({ ...ADMIN, password: 'short' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'password' }] });
    await expect(app.setupAdmin({ ...ADMIN, password: 'password1234' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await app.setupRequired()).toBe(true);
  });

  it('sets up the first admin once, with a recovery key, a TOTP secret and recovery codes', async () => {
    const r = await app.setupAdmin(ADMIN);
    adminTotp = r.totp.secret;
    recoveryCodes = [...r.recoveryCodes];
    expect(r.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect(r.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){13}$/);
    expect(r.totp.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(r.recoveryCodes.length).toBeGreaterThanOrEqual(8);
    expect(await app.setupRequired()).toBe(false);
    await expect(app.setupAdmin({ ...ADMIN, email: 'second@vigil.test' })).rejects.toMatchObject({ code: 'SETUP_DONE' });
  });

  it('signs in with password and TOTP; the same code never works twice', async () => {
    const code = totpCode(adminTotp, clock.now());
    const s = await signIn(code);
    expect(s.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.csrfToken.length).toBeGreaterThan(20);
    await expect(signIn(code)).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
    clock.advance(STEP);
    const again = await signIn();
    expect(again.sessionId).not.toBe(s.sessionId);
  });

  it('gives unknown e-mails, wrong passwords and wrong codes the same answer', async () => {
    clock.advance(STEP);
    const answer = (p: Promise<unknown>) => p.then(() => ['signed in'], (e: Error & { code: string }) => [e.code, e.message]);
    const answers = await Promise.all([
      answer(signIn(undefined, ADMIN.password, 'nobody@vigil.test')),
      answer(signIn(undefined, 'a wrong passphrase entirely')),
      answer(signIn('000000')),
    ]);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]![0]).toBe('SIGN_IN_FAILED');
  });

  it('accepts each recovery code once', async () => {
    const code = recoveryCodes[0]!;
    await signIn(code);
    await expect(signIn(code)).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  it('ends a session after 30 idle minutes, and after 12 hours whatever the activity', async () => {
    clock.advance(STEP);
    const idle = await signIn();
    expect(await app.auth.resume(idle.sessionId)).toBeDefined();
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect(await app.auth.resume(idle.sessionId)).toBeDefined();
    clock.advance(SESSION_IDLE_MS + 1000);
    expect(await app.auth.resume(idle.sessionId)).toBeUndefined();

    clock.advance(STEP);
    const busy = await signIn();
    for (let spent = 0; spent < SESSION_ABSOLUTE_MS - 20 * 60_000; spent += 20 * 60_000) {
      clock.advance(20 * 60_000);
      expect(await app.auth.resume(busy.sessionId)).toBeDefined();
    }
    clock.advance(25 * 60_000);
    expect(await app.auth.resume(busy.sessionId)).toBeUndefined();
  });

  it('signs out one session, or every session of the account', async () => {
    clock.advance(STEP);
    const a = await signIn();
    clock.advance(STEP);
    const b = await signIn();
    clock.advance(STEP);
    const c = await signIn();
    await app.auth.signOut(a.sessionId);
    expect(await app.auth.resume(a.sessionId)).toBeUndefined();
    expect(await app.auth.resume(b.sessionId)).toBeDefined();
    await app.auth.signOutEverywhere(b.sessionId);
    expect(await app.auth.resume(b.sessionId)).toBeUndefined();
    expect(await app.auth.resume(c.sessionId)).toBeUndefined();
  });

  it('throttles an account after five failures, and an unknown e-mail the same way', async () => {
    for (const email of [ADMIN.email, 'ghost@vigil.test']) {
      for (let i = 0; i < 5; i++) await expect(signIn('111111', 'wrong wrong wrong wrong', email)).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
      await expect(signIn(undefined, ADMIN.password, email)).rejects.toMatchObject({ code: 'THROTTLED' });
    }
    clock.advance(16 * 60_000);
    await expect(signIn()).resolves.toMatchObject({ user: { email: ADMIN.email } });
  });

  it('records sign-ins in the audit chain, never the e-mail or password typed', async () => {
    const page = await app.listAudit({ limit: 500 });
    const rows = page.items.filter((r) => r.action === 'sign_in');
    expect(rows.some((r) => r.outcome === 'ok')).toBe(true);
    expect(rows.some((r) => r.outcome === 'denied')).toBe(true);
    const text = JSON.stringify(page.items);
    for (const secret of ['ghost@vigil.test', 'nobody@vigil.test', ADMIN.email, ADMIN.password, 'wrong wrong wrong']) expect(text).not.toContain(secret);
  });
});

describe.each(testEngines())('roles, collections and the identity vault on $name', (engine) => {
  let store: Store;
  let app: VigilApp;
  const clock = fakeClock();
  let admin: BoundUseCases;
  let collA: string;
  let collB: string;

  let made = 0;
  /** Creates an account as the admin, makes it a member, and signs it in; returns its bound use cases. */
  async function member(role: 'coordinator' | 'analyst' | 'monitor' | 'viewer', collections: string[]): Promise<BoundUseCases> {
    const email = `${role}-${++made}@vigil.test`;
    const password = `a long passphrase of the ${role}`;
    const account = await admin.createAccount({ email, password, displayName: role, role });
    for (const c of collections) await admin.addMember({ collectionId: c, userId: account.user.id });
    clock.advance(STEP);
    const s = await app.auth.signIn({ email, password, code: totpCode(account.totp.secret, clock.now()) });
    const session = (await app.auth.resume(s.sessionId))!;
    return app.as({ principal: session.principal, keys: session.keys });
  }

  beforeAll(async () => {
    store = await engine.open();
    app = createApp({ store, clock, ids: randomIds, security: createSecurityServices({ serverSecret: newServerSecret(), passwordCost: TEST_PASSWORD_COST }) });
    await app.ensureDefaultCollection();
    await app.seedGazetteer();
    const setup = await app.setupAdmin(ADMIN);
    const s = await app.auth.signIn({ email: ADMIN.email, password: ADMIN.password, code: totpCode(setup.totp.secret, clock.now()) });
    let session = (await app.auth.resume(s.sessionId))!;
    admin = app.as({ principal: session.principal, keys: session.keys });
    collA = (await admin.createCollection({ name: 'Chechnya 2019' })).id;
    collB = (await admin.createCollection({ name: 'Belarus 2020' })).id;
    // The principal lists memberships as of the sign-in: resume again to see the new collections.
    session = (await app.auth.resume(s.sessionId))!;
    admin = app.as({ principal: session.principal, keys: session.keys });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('lets a viewer read but not write, review or reveal', async () => {
    const viewer = await member('viewer', [collA]);
    await expect(viewer.createIncident({ collectionId: collA, title: 'Raid' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const inc = await admin.createIncident({ collectionId: collA, title: 'Raid on a flat in Grozny' });
    await expect(viewer.getIncident(inc.id)).resolves.toMatchObject({ id: inc.id });
    const p = await admin.createPerson({ collectionId: collA, pseudonym: 'Witness 1', names: ['Иван Петров'] });
    await expect(viewer.revealPerson(p.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(viewer.listPersons({ collectionId: collA })).resolves.toMatchObject({ total: 1, items: [{ pseudonym: 'Witness 1' }] });
  });

  it('answers NOT_FOUND for records of a collection the caller is not in, and narrows lists, search and statistics', async () => {
    const monitor = await member('monitor', [collA]);
    const inB = await admin.createIncident({ collectionId: collB, title: 'Detentions in Minsk', acts: [{ type: 'detention' }] });
    const srcB = await admin.createSource({ collectionId: collB, kind: 'news_article', title: 'Minsk report' });
    await expect(monitor.getIncident(inB.id)).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
    await expect(monitor.getIncidentView(inB.id)).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
    await expect(monitor.getSource(srcB.id)).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
    await expect(monitor.updateIncident({ id: inB.id, patch: { title: 'x' } })).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
    await expect(monitor.deleteIncident(inB.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(monitor.createIncident({ collectionId: collB, title: 'Planted' })).rejects.toMatchObject({ code: 'COLLECTION_NOT_FOUND' });
    await expect(monitor.addClaim({ sourceId: srcB.id, incidentId: inB.id, stance: 'alleges', about: 'x' })).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
    expect((await monitor.listIncidents({})).items.every((i) => i.collectionId === collA)).toBe(true);
    await expect(monitor.listIncidents({ collectionId: collB })).rejects.toMatchObject({ code: 'COLLECTION_NOT_FOUND' });
    await expect(monitor.stats({ collectionId: collB })).rejects.toMatchObject({ code: 'COLLECTION_NOT_FOUND' });
    expect((await monitor.search({ q: 'Minsk' })).total).toBe(0);
    expect((await admin.search({ q: 'Minsk' })).total).toBeGreaterThan(0);
    expect((await monitor.listCollections()).map((c) => c.id)).toEqual([collA]);
    expect((await admin.getIncident(inB.id)).title).toBe('Detentions in Minsk');
  });

  it('seals identities: the stored row holds no name, and Магомед finds Magomed', async () => {
    const monitor = await member('monitor', [collA]);
    const p = await monitor.createPerson({
      collectionId: collA,
      pseudonym: 'Witness 7',
      names: ['Магомед Исаев'],
      aliases: ['Маго'],
      contacts: ['+7 928 000-11-22'],
      birthDate: '1990-05-01',
      notes: 'detained at the checkpoint',
    });
    const raw = JSON.stringify(await store.persons.get(p.id));
    for (const secret of ['Магомед', 'Исаев', 'Маго', '928', '1990-05-01', 'checkpoint']) expect(raw).not.toContain(secret);
    const analyst = await member('analyst', [collA]);
    expect((await analyst.findPersons({ collectionId: collA, name: 'Magomed' })).map((x) => x.id)).toEqual([p.id]);
    expect((await analyst.findPersons({ collectionId: collA, name: 'магомед исаев' })).map((x) => x.id)).toEqual([p.id]);
    expect(await analyst.findPersons({ collectionId: collA, name: 'Farhod' })).toEqual([]);
    // The viewer test's Иван Петров, found by the Latin spelling of his name.
    expect((await analyst.findPersons({ collectionId: collA, name: 'Ivan' })).map((x) => x.pseudonym)).toEqual(['Witness 1']);
    const shown = await analyst.revealPerson(p.id);
    expect(shown.identity).toMatchObject({ names: ['Магомед Исаев'], contacts: ['+7 928 000-11-22'], birthDate: '1990-05-01' });
    const outsider = await member('analyst', [collB]);
    await expect(outsider.revealPerson(p.id)).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
    const audit = await app.listAudit({ limit: 500 });
    expect(audit.items.some((r) => r.action === 'person.reveal' && r.entityId === p.id && r.outcome === 'ok')).toBe(true);
    expect(audit.items.some((r) => r.action === 'person.reveal' && r.entityId === p.id && r.outcome === 'denied')).toBe(true);
  });

  it('seals a testimony’s text: stored without it, no content hash, opened only by a reveal', async () => {
    const monitor = await member('monitor', [collA]);
    const text = 'Меня задержали 14 января в Грозном; Ахмед видел, как меня увезли.';
    const s = await monitor.createSource({ collectionId: collA, kind: 'testimony', title: 'Testimony T-3', text });
    expect(s).toMatchObject({ text: null, contentHash: null, keyVersion: 1 });
    expect(JSON.stringify(await store.sources.get(s.id))).not.toContain('Ахмед');
    expect((await monitor.search({ q: 'Ахмед' })).total).toBe(0);
    await expect(monitor.revealSourceText(s.id)).resolves.toEqual({ id: s.id, text });
    const viewer = await member('viewer', [collA]);
    await expect(viewer.revealSourceText(s.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Evidence offsets are checked against the opened text.
    const inc = await monitor.createIncident({ collectionId: collA, title: 'Detention in Grozny', acts: [{ type: 'detention' }] });
    await expect(monitor.addClaim({ sourceId: s.id, incidentId: inc.id, stance: 'alleges', about: 'detained', evidence: { start: 0, end: 15 } })).resolves.toMatchObject({ sourceId: s.id });
    await expect(monitor.addClaim({ sourceId: s.id, incidentId: inc.id, stance: 'alleges', about: 'detained', evidence: { start: 0, end: text.length + 1 } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(monitor.updateSource({ id: s.id, patch: { kind: 'news_article' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses to open a sealed identity moved to another row', async () => {
    const one = await admin.createPerson({ collectionId: collA, pseudonym: 'P-1', names: ['Olga Sokolova'] });
    const two = await admin.createPerson({ collectionId: collA, pseudonym: 'P-2', names: ['Pavel Volkov'] });
    const recOne = (await store.persons.get(one.id))!;
    const recTwo = (await store.persons.get(two.id))!;
    await store.persons.update({ ...recTwo, identitySealed: recOne.identitySealed });
    await expect(admin.revealPerson(two.id)).rejects.toThrow();
    await expect(admin.revealPerson(one.id)).resolves.toMatchObject({ identity: { names: ['Olga Sokolova'] } });
  });

  it('deleting a collection destroys its keys: its persons can no longer be opened by anyone', async () => {
    const doomed = (await admin.createCollection({ name: 'To delete' })).id;
    expect((await store.memberships.ofCollection(doomed)).length).toBeGreaterThan(0);
    await app.deleteCollection(doomed);
    expect(await store.memberships.ofCollection(doomed)).toEqual([]);
  });
});
