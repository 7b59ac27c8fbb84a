/**
 * The `vigil` command line. `buildProgram` wires commands to injected dependencies and
 * `runCli` runs one invocation and returns its exit status, so tests drive the CLI in-process
 * against an in-memory store; src/cli/main.ts supplies the real process, config and storage.
 */
import { Command, CommanderError } from 'commander';
import type { VigilApp } from '../app/index.js';
import { registerActor } from './commands/actor.js';
import { registerAudit } from './commands/audit.js';
import { registerClaim } from './commands/claim.js';
import { registerExchange } from './commands/exchange.js';
import { registerIncident } from './commands/incident.js';
import { registerIngest } from './commands/ingest.js';
import { registerPeople } from './commands/people.js';
import { registerSearch } from './commands/search.js';
import { registerSetup } from './commands/setup.js';
import { registerSource } from './commands/source.js';
import type { Env } from './env.js';
import { EXIT_BAD_INPUT, EXIT_OK, exitCodeOf, formatError, type AppHandle, type CliDeps, type OpenAppOptions } from './io.js';

export type { AppHandle, CliDeps, ServerHandle, Writer } from './io.js';

export const VERSION = '0.1.0';

export function buildProgram(env: Env): Command {
  const program = new Command('vigil')
    .description('Vigil: sourced, counted, reviewable records of human-rights abuses')
    .version(VERSION)
    .configureOutput({
      writeOut: (s) => void env.deps.stdout.write(s),
      writeErr: (s) => void env.deps.stderr.write(s),
      // runCli prints usage errors itself, in the same `error: CODE: message` form as the rest.
      outputError: () => undefined,
    })
    .exitOverride()
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      '\nData lives in $VIGIL_HOME (default ./vigil-data), or in PostgreSQL when VIGIL_DATABASE_URL is set.\n' +
        'Every command takes --json for machine output. Exit status: 0 success, 2 bad input, 1 other failure.\n',
    );
  // Subcommands inherit the output and exit settings above, so they must be added after them.
  registerSetup(program, env);
  registerSource(program, env);
  registerActor(program, env);
  registerIncident(program, env);
  registerClaim(program, env);
  registerIngest(program, env);
  registerSearch(program, env);
  registerExchange(program, env);
  registerAudit(program, env);
  registerPeople(program, env);
  return program;
}

/** Runs one invocation (`argv` without node and script) and returns the exit status. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  let opened: Promise<AppHandle> | undefined;
  const handle = (opts?: OpenAppOptions): Promise<AppHandle> => (opened ??= deps.openApp(opts));
  const env: Env = {
    deps,
    handle,
    app: async (opts?: OpenAppOptions): Promise<VigilApp> => (await handle(opts)).app,
    async print(json, value, text) {
      await deps.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : await text());
    },
  };
  const program = buildProgram(env);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
      // `vigil` or `vigil source` alone: commander has already printed the help.
      if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync') return EXIT_BAD_INPUT;
      await deps.stderr.write(`error: USAGE: ${e.message.replace(/^error: /, '')}\n  (see vigil --help)\n`);
      return EXIT_BAD_INPUT;
    }
    await deps.stderr.write(formatError(e, deps.debug));
    return exitCodeOf(e);
  } finally {
    if (opened) await opened.then((h) => h.close()).catch(() => undefined);
  }
}
