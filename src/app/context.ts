import type { Clock, IdGenerator, Repositories, Store } from '../core/ports.js';
import type { TextExtractor } from '../core/proposal.js';

/** What every use case receives: one transaction's repositories, the clock and the id source. */
export interface UseCaseContext {
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Reads texts into proposals; present where the app was built with one (ingest, extract). */
  readonly extractor?: TextExtractor;
}

export interface AppDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly extractor?: TextExtractor;
}

export type UseCase<I, O> = (ctx: UseCaseContext, input: I) => Promise<O>;

export function nowIso(ctx: UseCaseContext): string {
  return ctx.clock.now().toISOString();
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;
