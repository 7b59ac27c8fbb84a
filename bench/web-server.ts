/**
 * The server behind the web app's budgets (bench/web.ts): a SQLite file in the bench's temporary
 * directory filled with the bench corpus the fast way (bench/load.ts), then the app and the real
 * HTTP server over it as src/http/main.ts wires them (system clock, UUIDv7 ids, the extractor,
 * the real security services, the built web app at /), an administrator set up through
 * `app.setupAdmin`, and one incident with 50 claims created through the use cases.
 */
import type { FastifyInstance } from 'fastify';
import { createApp, systemClock, uuidV7Ids, type VigilApp } from '../src/app/index.js';
import { createSecurityServices, newServerSecret } from '../src/crypto/services.js';
import { extract } from '../src/extract/index.js';
import { buildHttpApp } from '../src/http/app.js';
import { WEB_DIST } from '../src/http/static.js';
import { Corpus, type BenchClaim, type Refs } from './data.js';
import type { BenchEnv } from './engines.js';
import { loadCorpora, type CorpusDb } from './load.js';

export interface WebAdmin {
  readonly email: string;
  readonly password: string;
  readonly totpSecret: string;
}

export interface WebServer {
  readonly url: string;
  readonly incidents: number;
  readonly loadSeconds: number;
  readonly admin: WebAdmin;
  /** The corpus's sources and actors (for `new Corpus(seed, refs)`: the items that were loaded). */
  readonly refs: Refs;
  /** The incident with `BIG_CLAIMS` claims, and a word of its title found nowhere else. */
  readonly big: { readonly id: string; readonly claims: number; readonly word: string; readonly stances: number; readonly sources: number; readonly speakers: number };
  close(): Promise<void>;
}

export const BIG_CLAIMS = 50;
/** A made-up word in the big incident's title only: searching it lists that incident alone. */
const BIG_WORD = 'fiftyclaimsbench';

/** Sources and actors of the loaded corpus in creation order (their ids are sequential): the refs the corpus draws from. */
async function refsOf(db: CorpusDb): Promise<Refs> {
  const page = { limit: 100_000, offset: 0 };
  const sourceIds = (await db.store.sources.list({}, page)).items.map((s) => s.id).sort();
  const actorIds = (await db.store.actors.list({}, page)).items.map((a) => a.id).sort();
  return { sourceIds, actorIds };
}

/**
 * One incident with three acts and 50 claims drawn from the corpus's own claims (so their
 * stances, sources, speakers, relays, quotes and counts are spread as in the corpus), each about
 * one of the three acts or the incident as a whole; created through `createIncident` and `addClaim`.
 */
async function createBigIncident(app: VigilApp, refs: Refs, seed: number): Promise<WebServer['big']> {
  const corpus = new Corpus(seed ^ 0x50c1a, refs);
  let i = 0;
  let base = corpus.item(i);
  while ((base.incident.acts?.length ?? 0) < 3) base = corpus.item(++i);
  const claims: BenchClaim[] = [];
  while (claims.length < BIG_CLAIMS) {
    for (const c of corpus.item(++i).claims) if (claims.length < BIG_CLAIMS) claims.push({ ...c, act: c.act === null ? null : claims.length % 3 });
  }
  const incident = await app.createIncident({ ...base.incident, title: `${base.incident.title} (${BIG_WORD})`, reviewDecision: null });
  for (const c of claims) {
    await app.addClaim({ ...c.claim, incidentId: incident.id, actId: c.act === null ? null : incident.acts[c.act]!.id });
  }
  return {
    id: incident.id,
    claims: claims.length,
    word: BIG_WORD,
    stances: new Set(claims.map((c) => c.claim.stance)).size,
    sources: new Set(claims.map((c) => c.claim.sourceId)).size,
    speakers: new Set(claims.map((c) => c.claim.speakerId ?? c.claim.speakerRole)).size,
  };
}

export async function startWebServer(env: BenchEnv, n: number, opts: { seed: number; log: (s: string) => void }): Promise<WebServer> {
  const [db] = await loadCorpora(env, ['sqlite'], n, opts);
  if (!db) throw new Error('no corpus');
  let http: FastifyInstance | undefined;
  try {
    // As src/http/main.ts: the same store, the app with the system clock and the real crypto.
    const security = createSecurityServices({ serverSecret: newServerSecret() });
    const app = createApp({ store: db.store, clock: systemClock, ids: uuidV7Ids, extractor: { extract }, security });
    await app.ensureDefaultCollection();
    await app.seedGazetteer();
    const refs = await refsOf(db);
    const big = await createBigIncident(app, refs, opts.seed);
    // The corpus was loaded by the operator before set-up: the administrator receives the
    // default collection's key now.
    const admin = { email: 'bench-admin@vigil.test', password: 'a long bench passphrase for the web', displayName: 'Bench admin' };
    const setup = await app.setupAdmin(admin);
    http = await buildHttpApp({ app, webRoot: WEB_DIST });
    const url = await http.listen({ host: '127.0.0.1', port: 0 });
    const server = http;
    return {
      url,
      incidents: n + 1,
      loadSeconds: db.loadSeconds,
      admin: { email: admin.email, password: admin.password, totpSecret: setup.totp.secret },
      refs,
      big,
      async close() {
        await server.close();
        await db.drop();
      },
    };
  } catch (e) {
    await http?.close();
    await db.drop();
    throw e;
  }
}
