/**
 * Canaries (docs/security.md: "a stolen database file, WAL, `vigil backup`, `pg_dump` or log").
 *
 * Fifty made-up persons — Cyrillic and Latin names, aliases, birth dates, phones, e-mails,
 * messenger handles, addresses, notes, and a testimony each that names them — go in through the
 * HTTP API, are revealed and found by name (so the server has opened every value), and then the
 * raw bytes of every place an adversary could take are searched for each of them, in UTF-8,
 * UTF-16LE and UTF-16BE, as typed and lower-cased (and the ICAO Latin form of the Cyrillic
 * names):
 *  - SQLite: a real server (src/http/main.ts startServer, in a child process with its log on a
 *    file, VIGIL_LOG_LEVEL=trace) on a fresh VIGIL_HOME: the database file, its -wal and -shm
 *    while it runs and after it stops, a `vigil backup` made by the CLI, and the log;
 *  - PostgreSQL: the HTTP app on a fresh database (openStore + buildHttpApp, its log on a file),
 *    a plain `pg_dump` of that database, the log, and what the PostgreSQL server logged meanwhile
 *    when its log file is readable.
 * The control: an unsealed canary put in an incident title on purpose is found in the same
 * database files, backup and dump, so a scan that finds nothing means something.
 *
 * The PostgreSQL half is skipped only when VIGIL_TEST_DATABASE_URL is unset and CI is not
 * 'true' (the rule of src/db/testing.ts testEngines).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { dropTestDatabase } from '../../src/db/testing.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, systemClock, uuidV7Ids } from '../../src/app/index.js';
import { createSecurityServices, newServerSecret } from '../../src/crypto/services.js';
import { latinForm, normaliseNameTokens } from '../../src/crypto/blind-index.js';
import { totpCode } from '../../src/crypto/totp.js';
import { openStore } from '../../src/db/store.js';
import { extract } from '../../src/extract/index.js';
import { buildHttpApp } from '../../src/http/app.js';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const PG_URL = process.env.VIGIL_TEST_DATABASE_URL;
const WITH_POSTGRES = PG_URL !== undefined || process.env.CI === 'true';

// ------------------------------------------------------------------------------- canaries

/** A small seeded generator (mulberry32): the same canaries every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  ['Зульфия', 'Zulfiya'],
  ['Магомед', 'Magomed'],
  ['Хава', 'Khava'],
  ['Ибрагим', 'Ibragim'],
  ['Мадина', 'Madina'],
  ['Рустам', 'Rustam'],
  ['Лейла', 'Leila'],
  ['Ахмед', 'Akhmed'],
  ['Седа', 'Seda'],
  ['Ислам', 'Islam'],
] as const;

interface Canary {
  readonly n: number;
  readonly pseudonym: string;
  readonly cyrillic: string;
  readonly latin: string;
  readonly alias: string;
  readonly birthDate: string;
  readonly phone: string;
  readonly email: string;
  readonly handle: string;
  readonly address: string;
  readonly notes: string;
  readonly testimony: string;
}

/** A number in Cyrillic letters (0 → а … 9 → к): a name word of its own for each person. */
const cyrillicCode = (n: number) => [...String(n)].map((d) => 'абвгдежзик'[Number(d)]).join('');

function makeCanaries(count = 50, seed = 20_190_114): Canary[] {
  const rnd = seeded(seed);
  const digits = (k: number) => Array.from({ length: k }, () => Math.floor(rnd() * 10)).join('');
  const hex = (k: number) => Array.from({ length: k }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const [firstRu, firstEn] = FIRST[Math.floor(rnd() * FIRST.length)] as readonly [string, string];
    const cyrillic = `${firstRu} Канареечная-${n}`;
    const latin = `${firstEn} Canaryson Q${n}`;
    const phone = `+7 928 ${digits(3)} ${digits(2)} ${String(n).padStart(2, '0')}`;
    return {
      n,
      pseudonym: `Witness ${n}`,
      cyrillic,
      latin,
      alias: `Канарейка Птаха${cyrillicCode(n)}`,
      birthDate: `19${70 + (n % 30)}-0${1 + (n % 9)}-1${n % 10}`,
      phone,
      email: `${firstEn.toLowerCase()}.canary${n}.${hex(6)}@canary-mail.example`,
      handle: `@canary_${n}_${hex(6)}`,
      address: `г. Грозный, ул. Канареечная, д. ${n}, кв. ${digits(2)}; Canary Lane ${n}`,
      notes: `Свидетельница-канарейка №${n} видела задержание у мечети; canary note ${hex(8)}`,
      testimony: `Меня зовут ${cyrillic}. В паспорте — ${latin}. Меня держали в подвале канареечного отдела шесть дней; мой телефон ${phone}. Шифр ${hex(10)}.`,
    };
  });
}

const CANARIES = makeCanaries();
/** Unsealed on purpose: incident titles are public record (docs/security.md). The scan must find it. */
const CONTROL = 'Unsealed control marker Контрольный-Маркер-Q42';

/** Every string that must not appear: each field, the distinctive words, and the Latin form of the Cyrillic names. */
function needlesOf(c: Canary): string[] {
  const fields = [c.cyrillic, c.latin, c.alias, c.birthDate, c.phone, c.email, c.handle, c.address, c.notes, c.testimony];
  // The made-up words, not the common first names (a place in the gazetteer may share one).
  const madeUp = (w: string) => /канар|птаха/.test(w);
  const words = [...normaliseNameTokens(`${c.cyrillic} ${c.alias}`).filter(madeUp), 'Canaryson', 'Канареечная', 'Канарейка', 'canary-mail.example', 'канареечного отдела'];
  const latinForms = normaliseNameTokens(`${c.cyrillic} ${c.alias}`).filter(madeUp).map(latinForm);
  const strings = new Set<string>();
  for (const s of [...fields, ...words, ...latinForms]) {
    if (s.length < 6) continue; // too short to be unambiguous
    strings.add(s);
    strings.add(s.toLowerCase());
  }
  return [...strings];
}

// ------------------------------------------------------------------------------ the scan

interface Needle {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'url-encoded' | 'json-escaped';
  readonly bytes: Buffer;
}

/**
 * The byte forms a value takes at rest: UTF-8 and UTF-16 (both byte orders), and the two ASCII
 * forms a URL or a JSON writer may give it (a query string in a log is percent-encoded; some
 * JSON writers escape every non-ASCII character).
 */
function encodings(text: string): Needle[] {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  const out: Needle[] = [
    { text, encoding: 'utf-8', bytes: Buffer.from(text, 'utf8') },
    { text, encoding: 'utf-16le', bytes: le },
    { text, encoding: 'utf-16be', bytes: be },
  ];
  const url = encodeURIComponent(text);
  if (url !== text) out.push({ text, encoding: 'url-encoded', bytes: Buffer.from(url, 'latin1') });
  const escaped = text.replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped !== text) out.push({ text, encoding: 'json-escaped', bytes: Buffer.from(escaped, 'latin1') });
  return out;
}

const NEEDLES: readonly Needle[] = [...new Set(CANARIES.flatMap(needlesOf))].flatMap(encodings);

/**
 * What of `needles` occurs in `bytes`: one pass over the bytes, looking up the 4 bytes at each
 * position among the needles' first 4 bytes, then comparing the whole needle (thousands of
 * needles over megabytes: `Buffer.includes` per needle would take minutes).
 */
function hits(bytes: Buffer, needles: readonly Needle[]): string[] {
  const byPrefix = new Map<number, Needle[]>();
  for (const n of needles) {
    const k = n.bytes.readUInt32LE(0);
    byPrefix.set(k, [...(byPrefix.get(k) ?? []), n]);
  }
  const found = new Set<Needle>();
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const k = ((bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24)) >>> 0;
    const candidates = byPrefix.get(k);
    if (!candidates) continue;
    for (const n of candidates) if (!found.has(n) && i + n.bytes.length <= bytes.length && bytes.compare(n.bytes, 0, n.bytes.length, i, i + n.bytes.length) === 0) found.add(n);
  }
  return needles.filter((n) => found.has(n)).map((n) => `${JSON.stringify(n.text)} (${n.encoding})`);
}

/** Scans files; returns "file: hit" lines (empty when clean). */
function scanFiles(files: readonly string[], needles: readonly Needle[] = NEEDLES): string[] {
  const out: string[] = [];
  for (const f of files) for (const h of hits(readFileSync(f), needles)) out.push(`${path.basename(f)}: ${h}`);
  return out;
}

const controlNeedles = encodings(CONTROL);
const foundControl = (files: readonly string[]) => files.some((f) => hits(readFileSync(f), controlNeedles.slice(0, 1)).length > 0);

// -------------------------------------------------------------------- driving the API

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** One HTTP client for both halves: `fetch` against a listening server, or `inject`. */
type Send = (method: string, url: string, headers: Record<string, string>, body?: unknown) => Promise<Answer>;

const ADMIN = { email: 'canary-admin@vigil.test', password: 'a long and private admin passphrase 7', displayName: 'Canary Admin' };

/**
 * Set-up, sign-in, then the canaries through the API: persons, testimonies, reveals, finds by
 * every name, and requests that carry them but are refused..
 */
async function exercise(send: Send): Promise<void> {
  const setup = await send('POST', '/api/v1/auth/setup', {}, ADMIN);
  expect(setup.status, setup.body).toBe(201);
  const secret = (JSON.parse(setup.body) as { totp: { secret: string } }).totp.secret;
  const signIn = await send('POST', '/api/v1/auth/sign-in', {}, { email: ADMIN.email, password: ADMIN.password, code: totpCode(secret, new Date()) });
  expect(signIn.status, signIn.body).toBe(200);
  const auth = { cookie: (signIn.headers['set-cookie'] ?? '').split(';')[0] ?? '', 'x-csrf-token': (JSON.parse(signIn.body) as { csrfToken: string }).csrfToken };
  const api = async (method: string, url: string, body?: unknown, expected?: number) => {
    const res = await send(method, `/api/v1${url}`, auth, body);
    if (expected !== undefined) expect(res.status, `${method} ${url}: ${res.body.slice(0, 300)}`).toBe(expected);
    return res;
  };
  const json = <T>(res: Answer) => JSON.parse(res.body) as T;

  const ids: { person: string; testimony: string; canary: Canary }[] = [];
  for (const c of CANARIES) {
    const person = await api(
      'POST',
      '/persons',
      { pseudonym: c.pseudonym, names: [c.cyrillic, c.latin], aliases: [c.alias], birthDate: c.birthDate, contacts: [c.phone, c.email, c.handle], address: c.address, notes: c.notes },
      201,
    );
    // The title is unsealed: it names no one. The text is sealed.
    const testimony = await api('POST', '/sources', { kind: 'testimony', title: `Testimony ${c.n}`, language: 'ru', text: c.testimony }, 201);
    ids.push({ person: json<{ id: string }>(person).id, testimony: json<{ id: string }>(testimony).id, canary: c });
  }
  await api('POST', '/incidents', { title: CONTROL, summary: 'unsealed on purpose' }, 201);

  for (const { person, testimony, canary: c } of ids) {
    const revealed = json<{ identity: { names: string[]; contacts: string[]; address: string } }>(await api('POST', `/persons/${person}/reveal`, undefined, 200));
    expect(revealed.identity.names).toEqual([c.cyrillic, c.latin]);
    expect(revealed.identity.contacts).toEqual([c.phone, c.email, c.handle]);
    expect(json<{ text: string }>(await api('POST', `/sources/${testimony}/reveal`, undefined, 200)).text).toBe(c.testimony);
    for (const name of [c.cyrillic, c.latin, c.alias, normaliseNameTokens(c.cyrillic).map(latinForm).join(' ')]) {
      const found = json<{ items: { id: string }[] }>(await api('GET', `/persons/find?name=${encodeURIComponent(name)}&limit=100`, undefined, 200));
      expect(found.items.map((p) => p.id), name).toContain(person);
    }
    // Refused requests that carry the values: their bodies and query strings reach no log.
    await api('POST', '/persons', { pseudonym: c.pseudonym, names: [c.cyrillic], birthDate: 'not a date', notes: c.notes }, 400);
    await api('PATCH', `/persons/${person}`, { identity: { names: [c.latin], contacts: [c.phone] }, secret: c.email }, 400);
    await api('GET', `/persons/find?name=${encodeURIComponent(c.cyrillic)}&limit=0`, undefined, 400);
    await api('GET', `/persons/${encodeURIComponent(c.email)}`, undefined, 404);
  }
}

// ---------------------------------------------------------------------------- the tests

describe('the scan itself', () => {
  it('finds a canary in UTF-8, UTF-16LE and UTF-16BE among other bytes, and lower-cased forms are searched', () => {
    const c = CANARIES[16] as Canary;
    expect(c.cyrillic).toBe(`${c.cyrillic.split(' ')[0]} Канареечная-17`);
    for (const enc of ['utf8', 'utf16le'] as const) {
      const bytes = Buffer.concat([randomBytes(1000), Buffer.from(c.phone, enc), randomBytes(1000)]);
      expect(hits(bytes, NEEDLES)).toContain(`${JSON.stringify(c.phone)} (${enc === 'utf8' ? 'utf-8' : 'utf-16le'})`);
    }
    const be = Buffer.concat([randomBytes(100), Buffer.from(c.email, 'utf16le').swap16(), randomBytes(100)]);
    expect(hits(be, NEEDLES)).toContain(`${JSON.stringify(c.email)} (utf-16be)`);
    expect(hits(Buffer.from(`GET /persons/find?name=${encodeURIComponent(c.cyrillic)}`), NEEDLES)).toContain(`${JSON.stringify(c.cyrillic)} (url-encoded)`);
    expect(hits(Buffer.from(JSON.stringify(c.address).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)), NEEDLES)).toContain(
      `${JSON.stringify(c.address)} (json-escaped)`,
    );
    expect(hits(Buffer.from(`xx${c.cyrillic.toLowerCase()}xx`), NEEDLES).length).toBeGreaterThan(0);
    expect(hits(Buffer.from('Канарееч'), NEEDLES)).toEqual([]);
    expect(hits(randomBytes(200_000), NEEDLES)).toEqual([]);
    // The control marker is no canary: finding it proves the scan reads the files, nothing more.
    expect(hits(Buffer.from(CONTROL), NEEDLES)).toEqual([]);
    // 50 distinct persons, names in both scripts.
    expect(new Set(CANARIES.map((x) => x.cyrillic)).size).toBe(50);
    expect(CANARIES.every((x) => /[А-я]/.test(x.cyrillic) && /^[A-Za-z0-9 ]+$/.test(x.latin))).toBe(true);
  });
});

describe('canaries on SQLite: a real server, its files, a backup and its log', () => {
  let home = '';
  let child: ChildProcess | undefined;
  const files = () => ({
    db: path.join(home, 'vigil.db'),
    wal: path.join(home, 'vigil.db-wal'),
    shm: path.join(home, 'vigil.db-shm'),
    log: path.join(home, 'server.log'),
    err: path.join(home, 'server.err'),
    backup: path.join(home, 'backup.db'),
    backupOut: path.join(home, 'backup.out'),
  });

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'vigil-canaries-'));
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    await rm(home, { recursive: true, force: true });
  });

  it('leaves no canary in the database file, its WAL, a vigil backup or the server log', async () => {
    const f = files();
    const env: NodeJS.ProcessEnv = { ...process.env, VIGIL_HOME: home, VIGIL_LOG_LEVEL: 'trace' };
    delete env.VIGIL_DATABASE_URL;
    delete env.VIGIL_SERVER_SECRET;
    // The real start-up (config, server secret file, store, app, logger), its log on a file.
    const script = [
      `const { startServer } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/http/main.ts')).href)});`,
      `const { loadConfig } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/config.ts')).href)});`,
      `const server = await startServer({ host: '127.0.0.1', port: 0, config: loadConfig() });`,
      `process.stderr.write('READY ' + server.url + '\\n');`,
      `process.once('SIGTERM', () => server.close().then(() => process.exit(0), () => process.exit(1)));`,
    ].join('\n');
    const log = await open(f.log, 'w');
    const err = await open(f.err, 'w');
    child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env, stdio: ['ignore', log.fd, err.fd] });
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    let url = '';
    for (let waited = 0; !url; waited += 200) {
      if (child.exitCode !== null || waited > 120_000) throw new Error(`the server did not start: ${await readFile(f.err, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 200));
      url = /READY (\S+)/.exec(await readFile(f.err, 'utf8'))?.[1] ?? '';
    }

    const send: Send = async (method, p, headers, body) => {
      const res = await fetch(`${url}${p}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const answered: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        answered[name] = value;
      });
      return { status: res.status, body: await res.text(), headers: answered };
    };
    await exercise(send);

    // While it runs: the database file with its WAL and shared memory, and a backup by the CLI.
    const live = [f.db, f.wal, f.shm].filter(existsSync);
    expect(live).toContain(f.wal);
    const liveHits = scanFiles(live);
    expect(foundControl([f.db, f.wal].filter(existsSync)), 'the control: the unsealed title is in the database or its WAL').toBe(true);
    const backup = await run(process.execPath, ['bin/vigil.js', 'backup', '--out', f.backup], { cwd: ROOT, env });
    await writeFile(f.backupOut, `${backup.stdout}\n${backup.stderr}`);
    expect(statSync(f.backup).mode & 0o777).toBe(0o600);
    expect(foundControl([f.backup]), 'the control: the unsealed title is in the backup').toBe(true);

    // Then stopped: the WAL is checkpointed into the file.
    process.kill(child.pid as number, 'SIGTERM');
    expect(await exited).toBe(0);
    await log.close();
    await err.close();
    expect(foundControl([f.db]), 'the control: the unsealed title is in the database file after the checkpoint').toBe(true);

    const logText = await readFile(f.log, 'utf8');
    // The control for the log: it is the server's request log, with every route the test used.
    expect(logText.split('\n').length).toBeGreaterThan(500);
    for (const route of ['/api/v1/persons/:id/reveal', '/api/v1/sources/:id/reveal', '/api/v1/persons/find', '/api/v1/persons']) expect(logText).toContain(`"route":"${route}"`);
    expect(logText).toContain('request rejected');

    // Every file the server and the CLI left in the home, whatever its name.
    const everything = readdirSync(home).map((n) => path.join(home, n)).filter((p) => statSync(p).isFile());
    expect(everything).toEqual(expect.arrayContaining([f.db, f.backup, f.log, f.err, f.backupOut]));
    const leftHits = scanFiles(everything);
    const all = [...liveHits.map((h) => `while running: ${h}`), ...leftHits];
    expect(all, `canaries found: ${all.slice(0, 20).join('; ')}`).toEqual([]);
  }, 600_000);
});

describe.skipIf(!WITH_POSTGRES)('canaries on PostgreSQL: a pg_dump, the app log and the server log', () => {
  let dir = '';
  let dbName = '';
  let dbUrl = '';

  beforeAll(async () => {
    if (!PG_URL) throw new Error('VIGIL_TEST_DATABASE_URL is not set (CI=true: PostgreSQL is required)');
    dir = await mkdtemp(path.join(tmpdir(), 'vigil-canaries-pg-'));
    dbName = `vigil_canary_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${dbName}`);
    } finally {
      await admin.end();
    }
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
  });
  afterAll(async () => {
    if (dbName && PG_URL) {
      await dropTestDatabase(PG_URL, dbName);
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The PostgreSQL server's own log, when this process may read it: the part written during the test. */
  function serverLogs(): { file: string; size: number }[] {
    const logDir = '/var/log/postgresql';
    try {
      return readdirSync(logDir)
        .filter((n) => n.endsWith('.log'))
        .map((n) => path.join(logDir, n))
        .filter((file) => {
          try {
            readFileSync(file, { flag: 'r' }).subarray(0, 1);
            return true;
          } catch {
            return false;
          }
        })
        .map((file) => ({ file, size: statSync(file).size }));
    } catch {
      return [];
    }
  }

  it('leaves no canary in a pg_dump of the database or in any log', async () => {
    const logFile = path.join(dir, 'app.log');
    const dumpFile = path.join(dir, 'dump.sql');
    const pgLogsBefore = serverLogs();
    const stream = createWriteStream(logFile);
    const store = await openStore({ postgresUrl: dbUrl, poolSize: 4 });
    const app = createApp({ store, clock: systemClock, ids: uuidV7Ids, extractor: { extract }, security: createSecurityServices({ serverSecret: newServerSecret() }) });
    await app.ensureDefaultCollection();
    await app.seedGazetteer();
    const http = await buildHttpApp({ app, logger: { level: 'trace', stream } });
    try {
      const send: Send = async (method, url, headers, body) => {
        const res = await http.inject({ method: method as 'GET', url, headers, ...(body === undefined ? {} : { payload: body as object }) });
        return { status: res.statusCode, body: res.body, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])) };
      };
      await exercise(send);
      await run('pg_dump', ['--no-owner', '--dbname', dbUrl, '--file', dumpFile], { maxBuffer: 64 * 1024 * 1024 });
    } finally {
      await http.close();
      await store.close();
      await new Promise<void>((resolve) => stream.end(resolve));
    }

    expect(foundControl([dumpFile]), 'the control: the unsealed title is in the dump').toBe(true);
    const dump = await readFile(dumpFile, 'utf8');
    expect(dump).toContain('COPY public.person');
    const logText = await readFile(logFile, 'utf8');
    expect(logText).toContain('"route":"/api/v1/persons/:id/reveal"');
    expect(logText.split('\n').length).toBeGreaterThan(500);

    const found = scanFiles([dumpFile, logFile]);
    // What PostgreSQL itself logged meanwhile (errors quote values; statements are not logged by default).
    const pgLogFile = path.join(dir, 'postgresql.log');
    const appended = pgLogsBefore.map(({ file, size }) => readFileSync(file).subarray(size));
    await writeFile(pgLogFile, Buffer.concat(appended));
    found.push(...scanFiles([pgLogFile]));
    if (pgLogsBefore.length === 0) console.warn('[canaries] the PostgreSQL server log is not readable here: not scanned');
    expect(found, `canaries found: ${found.slice(0, 20).join('; ')}`).toEqual([]);
  }, 600_000);
});
