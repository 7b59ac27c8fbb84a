import type { Clock, IdGenerator, Repositories, Store } from '../core/ports.js';

/** What every use case receives: one transaction's repositories, the clock and the id source. */
export interface UseCaseContext {
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface AppDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export type UseCase<I, O> = (ctx: UseCaseContext, input: I) => Promise<O>;

export function nowIso(ctx: UseCaseContext): string {
  return ctx.clock.now().toISOString();
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;
