/**
 * (e) Sign-ins per second, beside the bare Argon2id password verifications per second that
 *     bound them (a sign-in verifies the password and derives the key-encryption key: two
 *     Argon2id runs at m = 64 MiB, t = 3, p = 1, by design).
 * (f) A sealed import: 200,000 incidents with 50,000 persons whose identities are sealed
 *     (AES-256-GCM) and blind-indexed, beside the same import with the sealing replaced by a
 *     pass-through (the identity stored as plain JSON, the name words as plain tokens): the
 *     cost of sealing on top of everything else an import does. Target ≥ 70% of the unsealed rate.
 */
import { importIncidents } from '../src/app/bulk.js';
import { createApp } from '../src/app/index.js';
import { keyAccess } from '../src/app/keyring.js';
import { importPersons } from '../src/app/persons.js';
import type { UseCaseContext } from '../src/app/context.js';
import type { SecurityServices } from '../src/core/security.js';
import { createSecurityServices, newServerSecret } from '../src/crypto/services.js';
import { totpCode } from '../src/crypto/totp.js';
import { verifyPassword, hashPassword } from '../src/crypto/passwords.js';
import { Corpus, type BenchItem } from './data.js';
import { benchClock, openBenchDb, type BenchEnv, type Engine } from './engines.js';
import { Rng } from './prng.js';

export interface SignInFigures {
  readonly signIns: number;
  readonly signInsPerSecond: number;
  /** Two concurrent sign-ins at a time (the machine has two cores). */
  readonly concurrentPerSecond: number;
  readonly argonVerifiesPerSecond: number;
}

export interface SealedImportFigures {
  readonly engine: Engine;
  readonly incidents: number;
  readonly persons: number;
  readonly sealedRate: number;
  readonly plainRate: number;
  readonly ratio: number;
}

const now = () => performance.now();

/** Sign-ins through the app, each with a fresh TOTP code (the clock moves one step per sign-in). */
export async function signInBench(env: BenchEnv, n: number, log: (s: string) => void): Promise<SignInFigures> {
  const db = await openBenchDb(env, 'sqlite', 'signin', 1);
  let t = Date.parse('2026-01-15T10:00:00Z');
  const clock = { now: () => new Date(t) };
  const app = createApp({ store: db.store, clock, ids: db.ids, security: createSecurityServices({ serverSecret: newServerSecret() }) });
  const admin = { email: 'bench@vigil.test', password: 'a long bench passphrase here', displayName: 'Bench' };
  const setup = await app.setupAdmin(admin);
  // A second account, so that two sign-ins can run at once without sharing a TOTP step.
  const adminSession = await app.auth.signIn({ email: admin.email, password: admin.password, code: totpCode(setup.totp.secret, clock.now()) });
  const session = (await app.auth.resume(adminSession.sessionId))!;
  const other = await app.as({ principal: session.principal, keys: session.keys }).createAccount({ email: 'bench2@vigil.test', password: 'another long bench passphrase', displayName: 'Bench 2', role: 'analyst' });

  const step = () => (t += 30_000);
  const start = now();
  for (let i = 0; i < n; i++) {
    step();
    await app.auth.signIn({ email: admin.email, password: admin.password, code: totpCode(setup.totp.secret, clock.now()) });
  }
  const seq = (n / (now() - start)) * 1000;

  const startC = now();
  for (let i = 0; i < n; i += 2) {
    step();
    await Promise.all([
      app.auth.signIn({ email: admin.email, password: admin.password, code: totpCode(setup.totp.secret, clock.now()) }),
      app.auth.signIn({ email: 'bench2@vigil.test', password: 'another long bench passphrase', code: totpCode(other.totp.secret, clock.now()) }),
    ]);
  }
  const conc = (Math.ceil(n / 2) * 2 * 1000) / (now() - startC);

  const hash = await hashPassword(admin.password);
  const startA = now();
  for (let i = 0; i < n; i++) await verifyPassword(hash, admin.password);
  const argon = (n / (now() - startA)) * 1000;
  await db.drop();
  log(`  sign-ins: ${seq.toFixed(2)}/s one at a time, ${conc.toFixed(2)}/s two at a time; bare Argon2id verifications ${argon.toFixed(2)}/s`);
  return { signIns: n, signInsPerSecond: seq, concurrentPerSecond: conc, argonVerifiesPerSecond: argon };
}

/** The same port with sealing replaced by a pass-through: what an import costs without it. */
function passThrough(real: SecurityServices): SecurityServices {
  return {
    ...real,
    seal: (_key, _place, plaintext) => plaintext,
    open: (_key, _place, sealed) => sealed,
    nameTokens: (_k, _c, _v, name) => [...new Set(name.toLowerCase().split(/\s+/).filter(Boolean))].sort(),
    nameSearchTokens: (_k, _c, _v, name) => [...new Set(name.toLowerCase().split(/\s+/).filter(Boolean))].sort(),
  };
}

const FIRST = ['Магомед', 'Ахмед', 'Руслан', 'Зарема', 'Хеда', 'Анна', 'Igor', 'Olga', 'Ivan', 'Leyla', 'Farhod', 'Amina', 'Дмитрий', 'Светлана'];
const LAST = ['Исаев', 'Кадыров', 'Петрова', 'Соколов', 'Umarov', 'Bakieva', 'Ivanova', 'Okello', 'Rahman', 'Алиев', 'Мирзоева'];

function personItem(rng: Rng, i: number, collectionId: string) {
  const name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
  return {
    collectionId,
    pseudonym: `P-${i}`,
    names: [name],
    aliases: rng.chance(0.3) ? [rng.pick(FIRST)] : [],
    birthDate: rng.chance(0.5) ? `19${rng.int(50, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}` : null,
    contacts: [`+7 9${rng.int(10, 99)} ${rng.int(100, 999)}-${rng.int(10, 99)}-${rng.int(10, 99)}`],
    address: rng.chance(0.4) ? `ул. Ленина, ${rng.int(1, 200)}` : null,
    notes: rng.chance(0.2) ? 'detained at a checkpoint; released after three days' : null,
  };
}

/** One import run: incidents and persons together, batch by batch, each batch one transaction. */
async function importRun(
  env: BenchEnv,
  engine: Engine,
  name: string,
  n: number,
  persons: number,
  seed: number,
  sealed: boolean,
  log: (s: string) => void,
): Promise<number> {
  const db = await openBenchDb(env, engine, name, seed);
  const real = createSecurityServices({ serverSecret: newServerSecret() });
  const security = sealed ? real : passThrough(real);
  const dataKey = real.newDataKey();
  const keys = keyAccess(new Map([[db.lookups.collectionId, { keyVersion: 1, key: dataKey }]]));
  const corpus = new Corpus(seed, db.refs);
  const rng = new Rng(seed ^ 0x5ea1);
  const batch = 1000;
  const personsPerBatch = Math.round((persons / n) * batch);
  let ms = 0;
  let personCount = 0;
  for (let start = 0; start < n; start += batch) {
    const items: BenchItem[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) items.push(corpus.item(i));
    const people = Array.from({ length: Math.min(personsPerBatch, persons - personCount) }, () => personItem(rng, personCount++, db.lookups.collectionId));
    const t = now();
    await db.store.transaction(async (repos) => {
      const ctx: UseCaseContext = { repos, clock: benchClock, ids: db.ids, security, keys };
      await importIncidents(ctx, items);
      if (people.length > 0) await importPersons(ctx, people);
    });
    ms += now() - t;
  }
  await db.drop();
  const rate = (n / ms) * 1000;
  log(`  ${engine} ${sealed ? 'sealed' : 'unsealed'} import: ${n} incidents + ${personCount} persons, ${rate.toFixed(0)} incidents/s`);
  return rate;
}

export async function sealedImportBench(env: BenchEnv, engine: Engine, n: number, persons: number, seed: number, log: (s: string) => void): Promise<SealedImportFigures> {
  // Alternate the order on a warm-up slice, then measure unsealed first and sealed second, then again reversed; take the sums.
  const half = Math.round(n / 2);
  const halfPersons = Math.round(persons / 2);
  const p1 = await importRun(env, engine, 'sec_plain_a', half, halfPersons, seed, false, log);
  const s1 = await importRun(env, engine, 'sec_sealed_a', half, halfPersons, seed, true, log);
  const s2 = await importRun(env, engine, 'sec_sealed_b', n - half, persons - halfPersons, seed + 1, true, log);
  const p2 = await importRun(env, engine, 'sec_plain_b', n - half, persons - halfPersons, seed + 1, false, log);
  // Harmonic combination: total incidents over total time.
  const rate = (r1: number, r2: number) => n / (half / r1 + (n - half) / r2);
  const sealedRate = rate(s1, s2);
  const plainRate = rate(p1, p2);
  return { engine, incidents: n, persons, sealedRate, plainRate, ratio: sealedRate / plainRate };
}
