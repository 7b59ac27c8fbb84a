import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, randomIds, systemClock, type VigilApp } from '../../src/app/index.js';
import type { Store } from '../../src/core/ports.js';
import { createSecurityServices, newServerSecret, TEST_PASSWORD_COST } from '../../src/crypto/services.js';
import { totpCode } from '../../src/crypto/totp.js';
import { openStore } from '../../src/db/store.js';

/** Everything SQLite keeps on disk for a database file. */
async function diskBytes(file: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) parts.push(await readFile(f));
  return Buffer.concat(parts);
}

const contains = (bytes: Buffer, s: string) =>
  bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le')) || bytes.includes(Buffer.from(s.toLowerCase(), 'utf8'));

describe('deleting a collection on SQLite', () => {
  let dir: string;
  let file: string;
  let store: Store;
  let app: VigilApp;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigil-shred-'));
    file = path.join(dir, 'vigil.db');
    store = await openStore({ sqliteFile: file });
    app = createApp({ store, clock: systemClock, ids: randomIds, security: createSecurityServices({ serverSecret: newServerSecret(), passwordCost: TEST_PASSWORD_COST }) });
    await app.ensureDefaultCollection();
  });
  afterAll(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves none of its records in the database file or its write-ahead log', async () => {
    const setup = await app.setupAdmin({ email: 'admin@vigil.test', password: 'a long admin passphrase here', displayName: 'Admin' });
    const s = await app.auth.signIn({ email: 'admin@vigil.test', password: 'a long admin passphrase here', code: totpCode(setup.totp.secret, new Date()) });
    let session = (await app.auth.resume(s.sessionId))!;
    let admin = app.as({ principal: session.principal, keys: session.keys });
    const doomed = await admin.createCollection({ name: 'Shelter list' });
    session = (await app.auth.resume(s.sessionId))!;
    admin = app.as({ principal: session.principal, keys: session.keys });
    const marker = 'Shredmarkova Zinaida';
    const source = await admin.createSource({ collectionId: doomed.id, kind: 'ngo_report', title: `Report on ${marker}`, text: `${marker} was taken from the shelter.` });
    const incident = await admin.createIncident({ collectionId: doomed.id, title: `Abduction of ${marker}`, acts: [{ type: 'abduction', victims: marker }] });
    await admin.addClaim({ sourceId: source.id, incidentId: incident.id, stance: 'alleges', about: `${marker} abducted`, quote: `${marker} was taken` });
    await admin.createActor({ collectionId: doomed.id, kind: 'person', name: marker });
    expect(contains(await diskBytes(file), 'Shredmarkova')).toBe(true);

    await admin.deleteCollection(doomed.id);
    const bytes = await diskBytes(file);
    expect(contains(bytes, 'Shredmarkova')).toBe(false);
    expect(contains(bytes, 'Zinaida')).toBe(false);
    // The collection's keys went with it.
    expect(await store.memberships.ofCollection(doomed.id)).toEqual([]);
  });
});
