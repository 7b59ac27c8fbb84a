import { useCallback, useEffect, useEffectEvent, useState, type DependencyList } from 'react';

export interface AsyncState<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Runs the loader again (after a save, say). */
  reload(): void;
}

/**
 * Loads data for a page; a newer load aborts the older one, so a slow answer to an old query
 * never overwrites the answer to the new one. `deps` are plain values (ids, query strings).
 * While a new load runs, the previous data stays (no flicker) and `loading` is true.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([...deps, tick]);
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: unknown }>({ key: null, data: undefined, error: undefined });
  const run = useEffectEvent((signal: AbortSignal) => load(signal));
  useEffect(() => {
    const ctrl = new AbortController();
    run(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ key, data, error: undefined });
      },
      (error: unknown) => {
        if (!ctrl.signal.aborted) setState((s) => ({ key, data: s.data, error }));
      },
    );
    return () => ctrl.abort();
  }, [key]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const loading = state.key !== key;
  return { data: state.data, error: loading ? undefined : state.error, loading, reload };
}

/** A record fetched by id (undefined while loading, on failure, or without an id). */
export function useFetched<T>(id: string | null | undefined, fetch: (id: string) => Promise<T>): T | undefined {
  const [state, setState] = useState<{ id: string; value: T } | null>(null);
  const get = useEffectEvent((x: string) => fetch(x));
  useEffect(() => {
    if (!id) return;
    let live = true;
    get(id).then(
      (value) => live && setState({ id, value }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id]);
  return id && state?.id === id ? state.value : undefined;
}

/** The value, once it has stopped changing for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}
