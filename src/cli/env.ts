import type { Command } from 'commander';
import { gazetteerId } from '../app/places.js';
import type { VigilApp } from '../app/index.js';
import { IdSchema } from '../core/common.js';
import { ValidationError } from '../core/errors.js';
import { findBuiltinPlace } from '../core/gazetteer.js';
import type { AppHandle, CliDeps, OpenAppOptions } from './io.js';
import { parseNonNegativeInt } from './parse.js';

/** What every command gets: the injected dependencies and storage opened on first use. */
export interface Env {
  readonly deps: CliDeps;
  /** Storage, opened on first use; the options of the first call decide (one command per run). */
  handle(opts?: OpenAppOptions): Promise<AppHandle>;
  app(opts?: OpenAppOptions): Promise<VigilApp>;
  /** `--json`: the value as JSON; otherwise the text. Both on stdout. */
  print(json: boolean | undefined, value: unknown, text: () => string | Promise<string>): Promise<void>;
}

export interface JsonOption {
  json?: boolean;
}
export interface PageOptions {
  limit?: number;
  offset?: number;
}

export const withJson = (c: Command): Command => c.option('--json', 'print machine-readable JSON on stdout');
export const withPaging = (c: Command): Command =>
  c.option('--limit <n>', 'how many to show (default 50)', parseNonNegativeInt).option('--offset <n>', 'how many to skip', parseNonNegativeInt);
export const withCollection = (c: Command, what = 'the collection (default: the oldest one)'): Command => c.option('--collection <id>', what);

/** Review decisions: `accept`/`reject` on the command line, `accepted`/`rejected` in the record. */
export const DECISIONS = { accept: 'accepted', reject: 'rejected' } as const;

/**
 * Copies the flags that were given onto a body (from --json-input or empty): a flag overrides
 * the same field of the JSON body, an absent flag leaves it alone.
 */
export function assign(body: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body[k] = v;
  return body;
}

/** A place given as an ISO 3166 code (RU, RU-CE) or a place id. */
export async function resolvePlace(app: VigilApp, ref: string, flag: string): Promise<string> {
  if (IdSchema.safeParse(ref).success) return ref;
  if (!findBuiltinPlace(ref)) throw new ValidationError(`invalid ${flag}`, [{ path: flag, message: 'not an ISO 3166 code of the gazetteer, nor a place id' }]);
  // Built-in places have ids derived from their code; make sure they are loaded.
  await app.seedGazetteer();
  return gazetteerId(ref.trim());
}

/** Records go to the oldest collection unless one is named; a new store gets its default collection here. */
export async function ensureCollection(app: VigilApp, given: string | undefined): Promise<void> {
  if (given === undefined) await app.ensureDefaultCollection();
}

export const pageLine = (p: { items: unknown[]; total: number; offset: number }, what: string): string =>
  p.total === 0 ? `no ${what}\n` : `${p.offset + 1}–${p.offset + p.items.length} of ${p.total} ${what}\n`;
