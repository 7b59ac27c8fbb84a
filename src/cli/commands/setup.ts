import { InvalidArgumentError, type Command } from 'commander';
import { loadDemo } from '../../app/demo.js';
import { withJson, type Env, type JsonOption } from '../env.js';
import { parseNonNegativeInt } from '../parse.js';

export function registerSetup(program: Command, env: Env): void {
  withJson(program.command('init'))
    .description('create $VIGIL_HOME and the database, the default collection and the gazetteer')
    .action(async (o: JsonOption) => {
      const handle = await env.handle();
      const collection = await handle.app.ensureDefaultCollection();
      const placesAdded = await handle.app.seedGazetteer();
      const result = { location: handle.location, engine: handle.engine, collectionId: collection.id, placesAdded };
      await env.print(o.json, result, () =>
        [`Vigil is ready: ${handle.location} (${handle.engine})`, `  default collection ${collection.id}`, `  gazetteer: ${placesAdded} place(s) added`].join('\n') + '\n',
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
