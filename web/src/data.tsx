/**
 * What every page shares: the vocabularies (labels in both languages), the collections and the
 * one being worked on, place names, and the session.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, setCsrfToken, setUnauthenticatedHandler } from './api/client.js';
import type { Collection, Place, User, Vocabulary } from './api/types.js';
import { asLang } from './i18n/index.js';
import { useFetched } from './hooks.js';
import { navigate } from './router.js';

// ---- vocabularies ----

const VocabContext = createContext<ReadonlyMap<string, Vocabulary>>(new Map());

export function VocabProvider({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const [vocabs, setVocabs] = useState<ReadonlyMap<string, Vocabulary>>(new Map());
  useEffect(() => {
    // Loaded once the reader may read (signed in, or a server without accounts).
    if (!enabled) return;
    let live = true;
    api.vocabularies().then(
      (r) => live && setVocabs(new Map(r.vocabularies.map((v) => [v.id, v]))),
      () => undefined, // Codes stand in for labels until the vocabularies load.
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return <VocabContext.Provider value={vocabs}>{children}</VocabContext.Provider>;
}

export interface VocabHelpers {
  /** The label of a code in the reader's language (the code itself until vocabularies load). */
  label(vocabulary: string, code: string | null | undefined): string;
  terms(vocabulary: string): Vocabulary['terms'];
  /** The vocabulary's own name ("Act type" / "Вид нарушения"). */
  name(vocabulary: string): string;
  loaded: boolean;
}

export function useVocab(): VocabHelpers {
  const vocabs = useContext(VocabContext);
  const { i18n } = useTranslation();
  const lang = asLang(i18n.language);
  return useMemo(
    () => ({
      label: (v, code) => {
        if (!code) return '';
        return vocabs.get(v)?.terms.find((t) => t.code === code)?.[lang] ?? code;
      },
      terms: (v) => vocabs.get(v)?.terms ?? [],
      name: (v) => vocabs.get(v)?.[lang] ?? v,
      loaded: vocabs.size > 0,
    }),
    [vocabs, lang],
  );
}

// ---- collections ----

interface CollectionState {
  readonly collections: readonly Collection[];
  readonly current: Collection | undefined;
  setCurrent(id: string): void;
  reload(): void;
}

const CollectionContext = createContext<CollectionState>({ collections: [], current: undefined, setCurrent: () => undefined, reload: () => undefined });
const COLLECTION_KEY = 'vigil.collection';

export function CollectionProvider({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const [collections, setCollections] = useState<readonly Collection[]>([]);
  const [currentId, setCurrentId] = useState<string | null>(() => {
    try {
      return window.localStorage.getItem(COLLECTION_KEY);
    } catch {
      return null;
    }
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api.collections.list().then(
      (p) => live && setCollections(p.items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [enabled, tick]);
  const setCurrent = useCallback((id: string) => {
    setCurrentId(id);
    try {
      window.localStorage.setItem(COLLECTION_KEY, id);
    } catch {
      // Without storage the choice lasts for this page.
    }
  }, []);
  const current = collections.find((c) => c.id === currentId) ?? collections[0];
  const value = useMemo(() => ({ collections, current, setCurrent, reload: () => setTick((n) => n + 1) }), [collections, current, setCurrent]);
  return <CollectionContext.Provider value={value}>{children}</CollectionContext.Provider>;
}

export const useCollection = (): CollectionState => useContext(CollectionContext);

// ---- places ----

const placeCache = new Map<string, Promise<Place>>();

export function fetchPlace(id: string): Promise<Place> {
  let p = placeCache.get(id);
  if (!p) {
    p = api.places.get(id);
    p.catch(() => placeCache.delete(id));
    placeCache.set(id, p);
  }
  return p;
}

export function placeName(p: Place, lang: 'en' | 'ru'): string {
  return lang === 'ru' ? (p.nameRu ?? p.nameEn) : p.nameEn;
}

/** The place, once loaded (undefined while loading or when there is none). */
export function usePlace(id: string | null | undefined): Place | undefined {
  return useFetched(id, fetchPlace);
}

// ---- the session ----

export interface AuthInfo {
  readonly loading: boolean;
  /** False when the server has no accounts routes: the app then runs open, as the API does. */
  readonly available: boolean;
  readonly setupRequired: boolean;
  readonly user: User | null;
  refresh(): Promise<void>;
  signedIn(user: User, csrfToken: string): void;
  signOut(everywhere: boolean): Promise<void>;
}

const AuthContext = createContext<AuthInfo | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState({ loading: true, available: false, setupRequired: false, user: null as User | null });
  const refresh = useCallback(async () => {
    try {
      const s = await api.auth.state();
      setCsrfToken(s.csrfToken);
      setState({ loading: false, available: s.available, setupRequired: s.setupRequired, user: s.user });
    } catch {
      // An unreachable server: show the app; each page reports its own failure.
      setState({ loading: false, available: false, setupRequired: false, user: null });
    }
  }, []);
  useEffect(() => {
    let live = true;
    api.auth.state().then(
      (s) => {
        if (!live) return;
        setCsrfToken(s.csrfToken);
        setState({ loading: false, available: s.available, setupRequired: s.setupRequired, user: s.user });
      },
      () => live && setState({ loading: false, available: false, setupRequired: false, user: null }),
    );
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState((s) => ({ ...s, user: null }));
      navigate(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    });
    return () => {
      live = false;
      setUnauthenticatedHandler(null);
    };
  }, []);
  const value = useMemo<AuthInfo>(
    () => ({
      ...state,
      refresh,
      signedIn(user, csrfToken) {
        setCsrfToken(csrfToken);
        setState((s) => ({ ...s, loading: false, setupRequired: false, user }));
      },
      async signOut(everywhere) {
        try {
          await (everywhere ? api.auth.signOutEverywhere() : api.auth.signOut());
        } finally {
          setCsrfToken(null);
          setState((s) => ({ ...s, user: null }));
          navigate('/sign-in');
        }
      },
    }),
    [state, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthInfo {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** Roles that may see who a pseudonym is (the server decides; this only hides the button). */
export const canReveal = (auth: AuthInfo): boolean => !auth.available || (auth.user !== null && auth.user.role !== 'viewer');
export const isAdmin = (auth: AuthInfo): boolean => !auth.available || auth.user?.role === 'admin';
