/**
 * Commands of the security layer: accounts, membership, the identity vault and backups. Those
 * that open sealed data or act for a person sign in first (VIGIL_USER / VIGIL_PASSWORD, or
 * asked on the terminal): the CLI then holds that account's keys for this one command.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { BoundUseCases, VigilApp } from '../../app/index.js';
import { ROLES, type Role } from '../../core/access.js';
import { withCollection, withJson, withPaging, type Env, type JsonOption, type PageOptions } from '../env.js';
import { CliError, EXIT_BAD_INPUT } from '../io.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function parseRole(v: string): Role {
  if (!(ROLES as readonly string[]).includes(v)) throw new InvalidArgumentError(`one of ${ROLES.join(', ')}`);
  return v as Role;
}

async function secret(env: Env, name: string, prompt: string): Promise<string> {
  const fromEnv = env.deps.secrets?.env(name);
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!env.deps.secrets) throw new CliError('NO_TERMINAL', `set ${name} or run this in a terminal`, EXIT_BAD_INPUT);
  return env.deps.secrets.ask(prompt);
}

/** Signs in as a user for this command: their keys, their role, their collections. */
export async function signedIn(env: Env, app: VigilApp): Promise<BoundUseCases> {
  const email = await secret(env, 'VIGIL_USER', 'E-mail: ');
  const password = await secret(env, 'VIGIL_PASSWORD', 'Password: ');
  const { principal, keys } = await app.auth.unlock(email, password);
  return app.as({ principal, keys });
}

export function registerPeople(program: Command, env: Env): void {
  // ------------------------------------------------------------------------------ accounts
  const account = program.command('account').description('accounts of the team (admins)');
  withJson(account.command('add'))
    .description('create an account with a first password (asked, or VIGIL_NEW_PASSWORD); prints its second-factor secret once')
    .requiredOption('--email <email>', 'the account’s e-mail')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole)
    .option('--name <name>', 'display name (default: the e-mail)')
    .option('--member-of <collectionId>', 'make it a member of this collection (repeatable)', collect)
    .action(async (o: JsonOption & { email: string; role: Role; name?: string; memberOf?: string[] }) => {
      const app = await env.app();
      const as = await signedIn(env, app);
      const password = await secret(env, 'VIGIL_NEW_PASSWORD', 'First password for the new account: ');
      const made = await as.createAccount({ email: o.email, password, displayName: o.name ?? o.email, role: o.role });
      for (const c of o.memberOf ?? []) await as.addMember({ collectionId: c, userId: made.user.id });
      await env.print(o.json, made, () =>
        [
          `account ${made.user.id} (${made.user.role}) created`,
          `  second factor: add this secret to an authenticator app: ${made.totp.secret}`,
          `  ${made.totp.uri}`,
          '  one-time recovery codes (hand them over in person; each works once):',
          ...made.recoveryCodes.map((c) => `    ${c}`),
        ].join('\n') + '\n',
      );
    });
  withJson(withPaging(account.command('list')))
    .description('list accounts')
    .action(async (o: JsonOption & PageOptions) => {
      const as = await signedIn(env, await env.app());
      const page = await as.listAccounts({ limit: o.limit, offset: o.offset });
      await env.print(o.json, page, () => page.items.map((a) => `${a.id}  ${a.role.padEnd(11)} ${a.disabled ? 'disabled ' : ''}${a.email}`).join('\n') + '\n');
    });

  withJson(account.command('recover'))
    .description('reset a forgotten password with the installation’s recovery key (asked, or VIGIL_RECOVERY_KEY); enrols a new second factor')
    .requiredOption('--email <email>', 'the account’s e-mail')
    .action(async (o: JsonOption & { email: string }) => {
      const app = await env.app();
      const recoveryKey = await secret(env, 'VIGIL_RECOVERY_KEY', 'Recovery key: ');
      const newPassword = await secret(env, 'VIGIL_NEW_PASSWORD', 'New password (12 characters or more): ');
      const r = await app.recoverAccount({ email: o.email, recoveryKey, newPassword });
      await env.print(o.json, r, () =>
        [
          `account ${r.user.id}: new password set; its sessions have ended`,
          `  new second factor: ${r.totp.secret}`,
          `  ${r.totp.uri}`,
          '  new one-time recovery codes:',
          ...r.recoveryCodes.map((c) => `    ${c}`),
        ].join('\n') + '\n',
      );
    });

  const member = program.command('member').description('collection membership (coordinators, admins)');
  withJson(member.command('add'))
    .description('make an account a member of a collection (wraps the collection key for it)')
    .requiredOption('--collection <id>', 'the collection')
    .requiredOption('--user <id>', 'the account id')
    .action(async (o: JsonOption & { collection: string; user: string }) => {
      const as = await signedIn(env, await env.app());
      const r = await as.addMember({ collectionId: o.collection, userId: o.user });
      await env.print(o.json, r, () => `account ${r.userId} is a member of collection ${r.collectionId}\n`);
    });

  // ------------------------------------------------------------------------------- persons
  const person = program.command('person').description('persons: pseudonyms for all, identities sealed');
  withJson(withCollection(person.command('add')))
    .description('record a person; names, aliases, birth date, contacts, address and notes are sealed')
    .requiredOption('--pseudonym <code>', 'what everyone sees, e.g. "Witness 12" (never a real name)')
    .option('--name <name>', 'a name, in any script (repeatable)', collect)
    .option('--alias <alias>', 'an alias (repeatable)', collect)
    .option('--birth-date <YYYY-MM-DD>', 'date of birth')
    .option('--contact <contact>', 'a phone number, e-mail or handle (repeatable)', collect)
    .option('--address <address>', 'an address')
    .option('--notes <text>', 'free notes')
    .action(
      async (
        o: JsonOption & { collection?: string; pseudonym: string; name?: string[]; alias?: string[]; birthDate?: string; contact?: string[]; address?: string; notes?: string },
      ) => {
        const as = await signedIn(env, await env.app());
        const p = await as.createPerson({
          ...(o.collection ? { collectionId: o.collection } : {}),
          pseudonym: o.pseudonym,
          names: o.name ?? [],
          aliases: o.alias ?? [],
          birthDate: o.birthDate ?? null,
          contacts: o.contact ?? [],
          address: o.address ?? null,
          notes: o.notes ?? null,
        });
        await env.print(o.json, p, () => `person ${p.id} recorded as ${p.pseudonym}\n`);
      },
    );
  withJson(withCollection(person.command('find')))
    .description('find persons by name in any script (Магомед finds Magomed); audited')
    .argument('<name>', 'a name or part of one (whole words)')
    .action(async (name: string, o: JsonOption & { collection?: string }) => {
      const as = await signedIn(env, await env.app());
      const found = await as.findPersons({ name, ...(o.collection ? { collectionId: o.collection } : {}) });
      await env.print(o.json, found, () => (found.length === 0 ? 'no person found\n' : found.map((p) => `${p.id}  ${p.pseudonym}`).join('\n') + '\n'));
    });
  withJson(person.command('show'))
    .description('reveal a person’s identity (roles that may reveal; audited)')
    .argument('<id>', 'the person id')
    .action(async (id: string, o: JsonOption) => {
      const as = await signedIn(env, await env.app());
      const p = await as.revealPerson(id);
      const i = p.identity;
      await env.print(o.json, p, () =>
        [
          `${p.pseudonym}  (${p.id})`,
          `  names:      ${i.names.join('; ') || '—'}`,
          `  aliases:    ${i.aliases.join('; ') || '—'}`,
          `  born:       ${i.birthDate ?? '—'}`,
          `  contacts:   ${i.contacts.join('; ') || '—'}`,
          `  address:    ${i.address ?? '—'}`,
          `  notes:      ${i.notes ?? '—'}`,
        ].join('\n') + '\n',
      );
    });
  withJson(withPaging(withCollection(person.command('list'))))
    .description('list persons by pseudonym')
    .action(async (o: JsonOption & PageOptions & { collection?: string }) => {
      const as = await signedIn(env, await env.app());
      const page = await as.listPersons({ limit: o.limit, offset: o.offset, ...(o.collection ? { collectionId: o.collection } : {}) });
      await env.print(o.json, page, () => page.items.map((p) => `${p.id}  ${p.pseudonym}`).join('\n') + '\n');
    });

  // -------------------------------------------------------------------------------- backup
  withJson(program.command('backup'))
    .description('write a consistent copy of the database (sealed fields stay sealed); on PostgreSQL use pg_dump')
    .requiredOption('--out <file>', 'where to write it (must not exist)')
    .action(async (o: JsonOption & { out: string }) => {
      const handle = await env.handle();
      await handle.backup(o.out);
      await env.print(o.json, { out: o.out }, () => `backup written to ${o.out}\n`);
    });
}
