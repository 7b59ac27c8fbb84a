import { constants, createReadStream } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { VigilApp } from '../app/index.js';
import type { FieldIssue } from '../core/errors.js';
import { ValidationError, isVigilError } from '../core/errors.js';

/** Where the CLI writes; a promise lets a writer wait for a slow pipe to drain. */
export interface Writer {
  write(chunk: string): void | Promise<void>;
}

export interface AppHandle {
  readonly app: VigilApp;
  /** Where the data lives, safe to print: the SQLite file, or "PostgreSQL" (never the URL). */
  readonly location: string;
  readonly engine: 'sqlite' | 'postgres';
  /** `vigil backup`: a consistent copy of the database (SQLite). */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

export interface ServerHandle {
  readonly url: string;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  readonly extractor?: boolean;
}

/** Everything the CLI needs from outside, injected so tests run commands in-process. */
export interface CliDeps {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Read for `-` arguments (`import -`, `--json-input -`). */
  readonly stdin: Readable;
  /** Progress lines are written only when stderr is a terminal. */
  readonly stderrIsTTY: boolean;
  /**
   * Opens storage (running migrations) and builds the app; called at most once per run.
   * `extractor`: the command reads texts (extract, ingest), so the app needs the text
   * extractor, whose language model takes a second or two to load; other commands skip it.
   */
  readonly openApp: (opts?: OpenAppOptions) => Promise<AppHandle>;
  /** Starts the HTTP server (vigil serve). */
  readonly startServer: (opts: { host: string; port: number }) => Promise<ServerHandle>;
  /** Where `serve` listens unless --host/--port say otherwise. */
  readonly serveDefaults: () => { host: string; port: number };
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  readonly waitForShutdown: () => Promise<void>;
  /**
   * Credentials for commands that sign in: an environment variable (VIGIL_USER, VIGIL_PASSWORD,
   * VIGIL_ADMIN_PASSWORD…), else asked on the terminal without echo. Absent: no way to ask.
   */
  readonly secrets?: { env(name: string): string | undefined; ask(prompt: string): Promise<string> };
  /** Print stack traces of unexpected errors (VIGIL_DEBUG=1). */
  readonly debug?: boolean;
}

/** An error of the CLI itself (bad flag value, unreadable file), with its exit status. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number,
    readonly fields: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Codes that mean "the input was wrong": exit 2; everything else that fails is exit 1. */
export function exitCodeOf(e: unknown): number {
  if (e instanceof CliError) return e.exitCode;
  if (isVigilError(e)) return e.code === 'VALIDATION_FAILED' || e.code.endsWith('NOT_FOUND') ? EXIT_BAD_INPUT : EXIT_FAILURE;
  return EXIT_FAILURE;
}

/**
 * `error: CODE: message` and one line per field. Messages of Vigil errors carry ids and
 * field names, never names or texts from the records; an unexpected error's message might,
 * so only its class is printed unless debugging.
 */
export function formatError(e: unknown, debug = false): string {
  if (e instanceof CliError || isVigilError(e)) {
    const lines = [`error: ${e.code}: ${e.message}`];
    for (const f of e.fields) lines.push(`  ${f.path}: ${f.message}`);
    return lines.join('\n') + '\n';
  }
  const name = e instanceof Error ? e.name : typeof e;
  const detail = debug && e instanceof Error ? `\n${e.stack ?? e.message}` : ' (set VIGIL_DEBUG=1 for details)';
  return `error: INTERNAL: unexpected ${name}${detail}\n`;
}

/** Reads a whole file, or stdin for `-`. */
export async function readTextInput(deps: Pick<CliDeps, 'stdin'>, file: string, what: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of deps.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw unreadable(file, what, e);
  }
}

function unreadable(file: string, what: string, e: unknown): CliError {
  const reason = (e as NodeJS.ErrnoException).code ?? 'cannot read';
  return new CliError('FILE_UNREADABLE', `cannot read ${what} ${file}: ${reason}`, EXIT_BAD_INPUT);
}

/** The lines of a file (or stdin for `-`), streamed so a large import needs little memory. */
export async function openLines(deps: Pick<CliDeps, 'stdin'>, file: string, what: string): Promise<AsyncIterable<string>> {
  let input: Readable = deps.stdin;
  if (file !== '-') {
    // Checked before the import starts, so a wrong path is a clear error, not a failed transaction.
    try {
      const st = await stat(file);
      if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'not a regular file' });
      await access(file, constants.R_OK);
    } catch (e) {
      throw unreadable(file, what, e);
    }
    input = createReadStream(file, { encoding: 'utf8' });
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  return (async function* () {
    try {
      yield* lines;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).syscall !== undefined) throw unreadable(file, what, e);
      throw e;
    }
  })();
}

/** A JSON body from `--json-input FILE|-`. */
export async function readJsonInput(deps: Pick<CliDeps, 'stdin'>, file: string): Promise<Record<string, unknown>> {
  const text = await readTextInput(deps, file, 'JSON input');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError('invalid --json-input', [{ path: '--json-input', message: 'not valid JSON' }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ValidationError('invalid --json-input', [{ path: '--json-input', message: 'must be a JSON object' }]);
  return value as Record<string, unknown>;
}

/** Progress on stderr, redrawn in place, only when stderr is a terminal; at most ~10 redraws a second. */
export class Progress {
  private last = 0;
  private shown = false;
  constructor(
    private readonly deps: Pick<CliDeps, 'stderr' | 'stderrIsTTY'>,
    private readonly label: string,
    private readonly now: () => number = Date.now,
  ) {}

  update(done: number): void {
    if (!this.deps.stderrIsTTY) return;
    const t = this.now();
    if (t - this.last < 100) return;
    this.last = t;
    this.shown = true;
    void this.deps.stderr.write(`\r${this.label}: ${done}`);
  }

  async finish(done: number): Promise<void> {
    if (!this.deps.stderrIsTTY || !this.shown) return;
    await this.deps.stderr.write(`\r${this.label}: ${done}\n`);
  }
}
