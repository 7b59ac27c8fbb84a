import type { Clock, IdGenerator, Repositories, Store } from '../core/ports.js';
import type { TextExtractor } from '../core/proposal.js';
import type { Principal } from '../core/access.js';
import type { SecurityServices } from '../core/security.js';
import type { KeyAccess, KeyRing } from './keyring.js';

/** What every use case receives: one transaction's repositories, the clock and the id source. */
export interface UseCaseContext {
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Reads texts into proposals; present where the app was built with one (ingest, extract). */
  readonly extractor?: TextExtractor;
  /** The cryptography of the security layer; the main.ts files always pass it. */
  readonly security?: SecurityServices;
  /** Who calls: a signed-in account, or the local operator (CLI). Set by the authorisation wrapper. */
  readonly principal?: Principal;
  /** The collection keys the caller's session holds. */
  readonly keys?: KeyAccess;
  /** Every open session's keys (to grant or wipe keys when membership changes). */
  readonly keyring?: KeyRing;
}

export interface AppDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly extractor?: TextExtractor;
  readonly security?: SecurityServices;
}

export type UseCase<I, O> = (ctx: UseCaseContext, input: I) => Promise<O>;

export function nowIso(ctx: UseCaseContext): string {
  return ctx.clock.now().toISOString();
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;
