import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../crypto/totp.js';
import { cliHarness, type CliHarness } from './testing.js';

const ADMIN = { VIGIL_USER: 'admin@vigil.test', VIGIL_PASSWORD: 'a long admin passphrase for the cli' };

interface InitResult {
  collectionId: string;
  admin: { user: { id: string; role: string }; recoveryKey: string; totp: { secret: string }; recoveryCodes: string[] };
}

describe('vigil init --admin-email, accounts, persons, backup', () => {
  let cli: CliHarness;
  let dir: string;
  let init: InitResult;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigil-cli-people-'));
    cli = await cliHarness();
  });
  afterAll(async () => {
    await cli.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the first admin from VIGIL_ADMIN_PASSWORD and prints the recovery key once', async () => {
    const weak = await cli.run(['init', '--admin-email', ADMIN.VIGIL_USER], { env: { VIGIL_ADMIN_PASSWORD: 'password' } });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('password');
    const text = await cli.run(['init', '--admin-email', ADMIN.VIGIL_USER], { env: { VIGIL_ADMIN_PASSWORD: ADMIN.VIGIL_PASSWORD } });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('RECOVERY KEY');
    expect(text.stdout).toMatch(/[0-9A-Z]{4}(-[0-9A-Z]{4}){13}/);
    // A second run does not make a second admin, nor show a key again.
    const again = await cli.run(['init', '--admin-email', 'other@vigil.test', '--json'], { env: { VIGIL_ADMIN_PASSWORD: ADMIN.VIGIL_PASSWORD } });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('SETUP_DONE');
    expect(again.stdout).toBe('');
    init = { collectionId: '', admin: { user: { id: '', role: 'admin' }, recoveryKey: text.stdout.match(/[0-9A-Z]{4}(?:-[0-9A-Z]{4}){13}/)![0], totp: { secret: '' }, recoveryCodes: [] } };
    init.collectionId = (await cli.app.listCollections())[0]!.id;
  });

  it('records a person with sealed fields, finds it across scripts, and reveals it to the signed-in user', async () => {
    const add = await cli.run(
      ['person', 'add', '--pseudonym', 'Witness 4', '--name', 'Магомед Исаев', '--alias', 'Мага', '--contact', '+7 928 555-01-02', '--notes', 'held at the base', '--json'],
      { env: ADMIN },
    );
    expect(add.code, add.stderr).toBe(0);
    const person = JSON.parse(add.stdout) as { id: string; pseudonym: string };
    expect(person.pseudonym).toBe('Witness 4');
    expect(add.stdout).not.toContain('Магомед');

    const found = await cli.run(['person', 'find', 'Magomed', '--json'], { env: ADMIN });
    expect(JSON.parse(found.stdout)).toEqual([expect.objectContaining({ id: person.id })]);
    const shown = await cli.run(['person', 'show', person.id], { env: ADMIN });
    expect(shown.stdout).toContain('Магомед Исаев');
    expect(shown.stdout).toContain('+7 928 555-01-02');

    const wrong = await cli.run(['person', 'show', person.id], { env: { ...ADMIN, VIGIL_PASSWORD: 'not the right passphrase' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('SIGN_IN_FAILED');
    expect(wrong.stdout).toBe('');
    const noTerminal = await cli.run(['person', 'show', person.id]);
    expect(noTerminal.code).not.toBe(0);
  });

  it('lets an admin create an account that then works with its own role', async () => {
    const made = await cli.run(['account', 'add', '--email', 'viewer@vigil.test', '--role', 'viewer', '--member-of', init.collectionId, '--json'], {
      env: { ...ADMIN, VIGIL_NEW_PASSWORD: 'a long viewer passphrase here' },
    });
    expect(made.code, made.stderr).toBe(0);
    const viewer = { VIGIL_USER: 'viewer@vigil.test', VIGIL_PASSWORD: 'a long viewer passphrase here' };
    const list = await cli.run(['person', 'list', '--json'], { env: viewer });
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 1, items: [{ pseudonym: 'Witness 4' }] });
    const reveal = await cli.run(['person', 'show', JSON.parse(list.stdout).items[0].id], { env: viewer });
    expect(reveal.code).toBe(1);
    expect(reveal.stderr).toContain('FORBIDDEN');
    const accounts = await cli.run(['account', 'list'], { env: viewer });
    expect(accounts.stderr).toContain('FORBIDDEN');
  });

  it('resets a forgotten password with the recovery key, keeping access to sealed data', async () => {
    const bad = await cli.run(['account', 'recover', '--email', ADMIN.VIGIL_USER], { env: { VIGIL_RECOVERY_KEY: 'AAAA-BBBB', VIGIL_NEW_PASSWORD: 'a brand new admin passphrase' } });
    expect(bad.code).toBe(2);
    const r = await cli.run(['account', 'recover', '--email', ADMIN.VIGIL_USER, '--json'], {
      env: { VIGIL_RECOVERY_KEY: init.admin.recoveryKey, VIGIL_NEW_PASSWORD: 'a brand new admin passphrase' },
    });
    expect(r.code, r.stderr).toBe(0);
    const recovered = JSON.parse(r.stdout) as { totp: { secret: string } };
    expect(totpCode(recovered.totp.secret, new Date())).toMatch(/^\d{6}$/);
    const old = await cli.run(['person', 'find', 'Исаев'], { env: ADMIN });
    expect(old.code).toBe(1);
    const fresh = await cli.run(['person', 'find', 'Исаев', '--json'], { env: { ...ADMIN, VIGIL_PASSWORD: 'a brand new admin passphrase' } });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(JSON.parse(fresh.stdout)).toHaveLength(1);
  });

  it('writes a backup once, readable by its owner only, with the sealed fields still sealed', async () => {
    const out = path.join(dir, 'backup.db');
    const r = await cli.run(['backup', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const bytes = await readFile(out);
    expect(bytes.subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from('Witness 4'))).toBe(true);
    for (const secret of ['Магомед', 'Исаев', '+7 928 555']) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    const again = await cli.run(['backup', '--out', out]);
    expect(again.code).not.toBe(0);
  });
});
