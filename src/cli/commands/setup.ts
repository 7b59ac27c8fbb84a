import { InvalidArgumentError, type Command } from 'commander';
import { loadDemo } from '../../app/demo.js';
import type { SetupResult } from '../../app/accounts.js';
import { withJson, type Env, type JsonOption } from '../env.js';
import { CliError, EXIT_BAD_INPUT } from '../io.js';
import { parseNonNegativeInt } from '../parse.js';

export function registerSetup(program: Command, env: Env): void {
  withJson(program.command('init'))
    .description('create $VIGIL_HOME and the database, the default collection and the gazetteer; with --admin-email, the first admin')
    .option('--admin-email <email>', 'create the first admin (password asked, or VIGIL_ADMIN_PASSWORD); prints the recovery key once')
    .option('--admin-name <name>', 'the admin’s display name (default: the e-mail)')
    .action(async (o: JsonOption & { adminEmail?: string; adminName?: string }) => {
      const handle = await env.handle();
      const collection = await handle.app.ensureDefaultCollection();
      const placesAdded = await handle.app.seedGazetteer();
      let admin: SetupResult | undefined;
      if (o.adminEmail !== undefined) {
        let password = env.deps.secrets?.env('VIGIL_ADMIN_PASSWORD');
        if (!password) {
          if (!env.deps.secrets) throw new CliError('NO_TERMINAL', 'set VIGIL_ADMIN_PASSWORD or run this in a terminal', EXIT_BAD_INPUT);
          password = await env.deps.secrets.ask('Password for the admin (12 characters or more): ');
          if ((await env.deps.secrets.ask('The same password again: ')) !== password) throw new CliError('PASSWORD_MISMATCH', 'the two passwords differ', EXIT_BAD_INPUT);
        }
        admin = await handle.app.setupAdmin({ email: o.adminEmail, password, displayName: o.adminName ?? o.adminEmail });
      }
      const result = { location: handle.location, engine: handle.engine, collectionId: collection.id, placesAdded, ...(admin ? { admin } : {}) };
      await env.print(o.json, result, () =>
        [
          `Vigil is ready: ${handle.location} (${handle.engine})`,
          `  default collection ${collection.id}`,
          `  gazetteer: ${placesAdded} place(s) added`,
          ...(admin
            ? [
                '',
                `admin ${admin.user.email} created (${admin.user.id})`,
                '',
                'RECOVERY KEY — shown this once. Write it on paper and keep it apart from the server;',
                'whoever holds it can open every collection, and without it a lost password loses data:',
                '',
                `    ${admin.recoveryKey}`,
                '',
                'Second factor: add this secret to an authenticator app (or scan the URI as a QR code):',
                `    ${admin.totp.secret}`,
                `    ${admin.totp.uri}`,
                'One-time recovery codes for the admin (each works once, instead of a code from the app):',
                ...admin.recoveryCodes.map((c) => `    ${c}`),
              ]
            : []),
        ].join('\n') + '\n',
      );
    });

  withJson(program.command('serve'))
    .description('run the web app and API (default http://127.0.0.1:7300)')
    .option('--host <host>', 'interface to listen on (default VIGIL_HOST or 127.0.0.1)')
    .option('--port <port>', 'port (default VIGIL_PORT or 7300)', (v: string) => {
      const n = parseNonNegativeInt(v);
      if (n < 1 || n > 65535) throw new InvalidArgumentError('a port is 1–65535');
      return n;
    })
    .action(async (o: JsonOption & { host?: string; port?: number }) => {
      const defaults = env.deps.serveDefaults();
      await buildWebAppIfNeeded(env);
      const server = await env.deps.startServer({ host: o.host ?? defaults.host, port: o.port ?? defaults.port });
      await env.print(o.json, { url: server.url }, () => `Vigil is listening on ${server.url} (Ctrl-C to stop)\n`);
      await env.deps.waitForShutdown();
      await server.close();
    });

  withJson(program.command('demo'))
    .description('load a worked example: the 2018–2019 crackdown on LGBT people in Chechnya, as one news report tells it')
    .action(async (o: JsonOption) => {
      const app = await env.app();
      const r = await app.batch((ctx) => loadDemo(ctx));
      await env.print(o.json, r, () =>
        [
          r.created > 0 ? `demo loaded: ${r.created} record(s) created` : 'demo already loaded: nothing changed',
          `  crackdown, Dec 2018 – Jan 2019   ${r.incidentId}`,
          `  purge, 2017                      ${r.purgeIncidentId}`,
          '',
          `try: vigil incident show ${r.incidentId}`,
          '     vigil search Kochetkov',
          '     vigil stats',
        ].join('\n') + '\n',
      );
    });
}

/**
 * `vigil serve` (and so `npm start`) builds the web app when web/dist is missing or older than
 * web/src, so a fresh clone needs only `npm install && npm start`. A failed build is not fatal:
 * the API still starts, with the previous build or the page that points at the API.
 */
async function buildWebAppIfNeeded(env: Env): Promise<void> {
  try {
    // Loaded here only: the other commands need neither Vite nor the static file server.
    const { ensureWebBuild } = await import('../../http/static.js');
    await ensureWebBuild({ log: (line) => void env.deps.stderr.write(`vigil: ${line}\n`) });
  } catch (e) {
    await env.deps.stderr.write(`vigil: the web app could not be built (${e instanceof Error ? e.message : String(e)}); serving the API only\n`);
  }
}
