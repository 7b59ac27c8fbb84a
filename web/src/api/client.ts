/**
 * The typed HTTP client: the only place the web app talks to the server, always on its own
 * origin under /api/v1. Errors become ApiError with the API's stable code and the fields at
 * fault, so forms can show each message beside its field.
 */
import type {
  Actor,
  ActorInput,
  ActorPatch,
  AuditEntry,
  AuditVerification,
  AuthState,
  Claim,
  ClaimInput,
  ClaimPatch,
  Collection,
  ErrorBody,
  ExtractionResult,
  FieldError,
  Incident,
  IncidentInput,
  IncidentPatch,
  IncidentView,
  IngestResponse,
  Page,
  PersonIdentity,
  PersonInput,
  PersonSummary,
  Place,
  ReviewDecision,
  SearchResponse,
  SetupInput,
  SetupResult,
  SignInInput,
  Source,
  SourceInput,
  SourcePatch,
  StatsResponse,
  User,
  Vocabulary,
} from './types.js';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one field (dotted path, e.g. `date.end`), if the server named it. */
  fieldMessage(path: string): string | undefined {
    return this.fields.find((f) => f.path === path)?.message;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type Query = Readonly<Record<string, QueryValue>>;

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** The token every non-GET request carries (x-csrf-token), from /auth/state or sign-in. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401 UNAUTHENTICATED: the session is gone. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Set-up and sign-in happen before there is a token. */
  readonly noCsrf?: boolean;
}

function isErrorBody(x: unknown): x is ErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ErrorBody).error?.code === 'string';
}

async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken && !opts.noCsrf) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${queryString(opts.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'the server could not be reached');
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = isErrorBody(data)
      ? new ApiError(res.status, data.error.code, data.error.message, data.error.fields)
      : new ApiError(res.status, 'HTTP_' + res.status, res.statusText || 'request failed');
    if (res.status === 401 && err.code === 'UNAUTHENTICATED') onUnauthenticated?.();
    throw err;
  }
  return data as T;
}

const get = <T>(path: string, query?: Query, signal?: AbortSignal) =>
  request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) });
const post = <T>(path: string, body?: unknown, opts: { noCsrf?: boolean } = {}) => request<T>('POST', path, { body: body ?? {}, ...opts });
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });
const del = (path: string) => request<void>('DELETE', path);
const id = (s: string) => encodeURIComponent(s);

export interface SearchQuery {
  q: string;
  kind?: 'incident' | 'claim' | 'source';
  actType?: string;
  status?: string;
  country?: string;
  region?: string;
  year?: number | string;
  outlet?: string;
  collectionId?: string;
  limit?: number;
  offset?: number;
}

export interface ExtractRequest {
  text: string;
  published: string;
  outlet?: string | null;
  title?: string | null;
  url?: string | null;
}

export interface IngestRequest extends ExtractRequest {
  collectionId?: string;
  kind?: string;
  language?: string;
}

const UNAVAILABLE: AuthState = { setupRequired: false, user: null, csrfToken: null };

export const api = {
  vocabularies: () => get<{ vocabularies: Vocabulary[] }>('/vocabularies'),

  collections: {
    list: () => get<Page<Collection>>('/collections', { limit: 500 }),
    create: (body: { name: string; description?: string }) => post<Collection>('/collections', body),
  },

  search: (q: SearchQuery, signal?: AbortSignal) => get<SearchResponse>('/search', { ...q } as Query, signal),

  incidents: {
    list: (q: Query, signal?: AbortSignal) => get<Page<Incident>>('/incidents', q, signal),
    view: (incidentId: string, signal?: AbortSignal) => get<IncidentView>(`/incidents/${id(incidentId)}`, undefined, signal),
    create: (body: IncidentInput) => post<Incident>('/incidents', body),
    update: (incidentId: string, body: IncidentPatch) => patch<Incident>(`/incidents/${id(incidentId)}`, body),
    review: (incidentId: string, decision: ReviewDecision) => post<Incident>(`/incidents/${id(incidentId)}/review`, { decision }),
    remove: (incidentId: string) => del(`/incidents/${id(incidentId)}`),
  },

  claims: {
    list: (q: Query, signal?: AbortSignal) => get<Page<Claim>>('/claims', q, signal),
    get: (claimId: string) => get<Claim>(`/claims/${id(claimId)}`),
    create: (body: ClaimInput) => post<Claim>('/claims', body),
    update: (claimId: string, body: ClaimPatch) => patch<Claim>(`/claims/${id(claimId)}`, body),
    review: (claimId: string, decision: ReviewDecision) => post<Claim>(`/claims/${id(claimId)}/review`, { decision }),
    remove: (claimId: string) => del(`/claims/${id(claimId)}`),
  },

  sources: {
    list: (q: Query, signal?: AbortSignal) => get<Page<Source>>('/sources', q, signal),
    get: (sourceId: string) => get<Source>(`/sources/${id(sourceId)}`),
    create: (body: SourceInput) => post<Source>('/sources', body),
    update: (sourceId: string, body: SourcePatch) => patch<Source>(`/sources/${id(sourceId)}`, body),
    review: (sourceId: string, decision: ReviewDecision) => post<{ claims: number; incidents: number }>(`/sources/${id(sourceId)}/review`, { decision }),
    extract: (body: ExtractRequest) => post<ExtractionResult>('/extract', body),
    ingest: (body: IngestRequest) => post<IngestResponse>('/sources/ingest', body),
  },

  actors: {
    list: (q: Query, signal?: AbortSignal) => get<Page<Actor>>('/actors', q, signal),
    get: (actorId: string) => get<Actor>(`/actors/${id(actorId)}`),
    create: (body: ActorInput) => post<Actor>('/actors', body),
    update: (actorId: string, body: ActorPatch) => patch<Actor>(`/actors/${id(actorId)}`, body),
  },

  places: {
    list: (q: Query, signal?: AbortSignal) => get<Page<Place>>('/places', q, signal),
    get: (placeId: string) => get<Place>(`/places/${id(placeId)}`),
  },

  stats: (q: Query, signal?: AbortSignal) => get<StatsResponse>('/stats', q, signal),

  auth: {
    /**
     * The session. A server without the accounts routes (404) has no accounts at all: the app
     * then runs open, as the API does, and says so.
     */
    async state(): Promise<AuthState & { available: boolean }> {
      try {
        return { ...(await get<AuthState>('/auth/state')), available: true };
      } catch (e) {
        if (isApiError(e) && e.status === 404) return { ...UNAVAILABLE, available: false };
        throw e;
      }
    },
    setup: (body: SetupInput) => post<SetupResult>('/auth/setup', body, { noCsrf: true }),
    signIn: (body: SignInInput) => post<{ user: User; csrfToken: string }>('/auth/sign-in', body, { noCsrf: true }),
    signOut: () => post<void>('/auth/sign-out'),
    signOutEverywhere: () => post<void>('/auth/sign-out-everywhere'),
  },

  persons: {
    list: (q: Query, signal?: AbortSignal) => get<{ items: PersonSummary[]; total: number }>('/persons', q, signal),
    create: (body: PersonInput) => post<PersonSummary>('/persons', body),
    /** The sealed identifying fields (audited on the server). */
    async reveal(personId: string): Promise<PersonIdentity> {
      const r = await post<PersonIdentity | (PersonSummary & { identity: PersonIdentity })>(`/persons/${id(personId)}/reveal`);
      return 'identity' in r ? r.identity : r;
    },
  },

  audit: {
    list: (q: Query, signal?: AbortSignal) => get<{ items: AuditEntry[]; total: number }>('/audit', q, signal),
    verify: () => get<AuditVerification>('/audit/verify'),
  },
};
