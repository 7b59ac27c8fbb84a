/**
 * The API's shapes, as types only: inferred from the same zod schemas that validate requests
 * and responses on the server (src/http/schemas.ts, src/core). `import type` is erased at build
 * time, so no server code reaches the browser bundle.
 */
import type { z } from 'zod';
import type {
  ClaimViewSchema,
  ClaimsBySideSchema,
  ErrorBody,
  IncidentViewSchema,
  SearchResponseSchema,
  StatsResponseSchema,
  VocabularySchema,
} from '../../../src/http/schemas.js';

export type { ErrorBody };
export type { Actor, ActorInput, ActorPatch } from '../../../src/core/actor.js';
export type { Claim, ClaimInput, ClaimPatch } from '../../../src/core/claim.js';
export type { Collection } from '../../../src/core/collection.js';
export type { Count } from '../../../src/core/count.js';
export type { FuzzyDate } from '../../../src/core/fuzzy-date.js';
export type { Act, ActInput, Incident, IncidentInput, IncidentPatch } from '../../../src/core/incident.js';
export type { Place } from '../../../src/core/place.js';
export type { ExtractedIncident, ExtractedStatement, ExtractionResult, Offsets } from '../../../src/core/proposal.js';
export type { Source, SourceInput, SourcePatch } from '../../../src/core/source.js';

import type { Claim } from '../../../src/core/claim.js';
import type { Incident } from '../../../src/core/incident.js';
import type { ExtractionResult } from '../../../src/core/proposal.js';
import type { Source } from '../../../src/core/source.js';

export type ClaimView = z.infer<typeof ClaimViewSchema>;
export type ClaimsBySide = z.infer<typeof ClaimsBySideSchema>;
export type IncidentView = z.infer<typeof IncidentViewSchema>;
export type SearchResponse = z.infer<typeof SearchResponseSchema>;
export type SearchHit = SearchResponse['hits'][number];
export type FacetName = keyof SearchResponse['facets'];
export type StatsResponse = z.infer<typeof StatsResponseSchema>;
export type StatsCell = StatsResponse['cells'][number];
export type Vocabulary = z.infer<typeof VocabularySchema>;

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type FieldError = ErrorBody['error']['fields'][number];

/** POST /sources/ingest (src/http/ingest.routes.ts IngestResponseSchema). */
export interface IngestResponse {
  created: boolean;
  source: Source;
  incidents: Incident[];
  claims: Claim[];
  proposal: ExtractionResult;
}

export type ReviewDecision = 'accepted' | 'rejected';

// ---- accounts, people and audit: the contract the auth slice implements ----

/** src/core/access.ts ROLES; other strings pass through (a newer server may add roles). */
export type Role = 'admin' | 'coordinator' | 'analyst' | 'monitor' | 'viewer' | (string & {});

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

export interface AuthState {
  setupRequired: boolean;
  user: User | null;
  csrfToken: string | null;
}

export interface SetupInput {
  email: string;
  password: string;
  displayName: string;
}

export interface SetupResult {
  user: User;
  recoveryKey: string;
  totp: { secret: string; uri: string };
  recoveryCodes: string[];
}

export interface SignInInput {
  email: string;
  password: string;
  code: string;
}

export interface PersonSummary {
  id: string;
  collectionId: string;
  pseudonym: string;
  createdAt: string;
}

export interface PersonInput {
  collectionId: string;
  pseudonym: string;
  names: string[];
  aliases: string[];
  birthDate?: string;
  contacts: string[];
  address?: string;
  notes?: string;
}

export interface PersonIdentity {
  names: string[];
  aliases: string[];
  birthDate?: string | null;
  contacts: string[];
  address?: string | null;
  notes?: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  collectionId: string | null;
  outcome: string;
}

export interface AuditVerification {
  ok: boolean;
  checkedRows: number;
  firstBadSeq?: number;
  reason?: string;
}
