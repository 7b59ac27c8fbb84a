/**
 * Request and response schemas of the HTTP API that are not already domain schemas. Every one
 * is built from the schemas src/core and src/app use, so the edge validates exactly what the use
 * cases validate and the OpenAPI document describes exactly that.
 */
import { z } from 'zod';
import { ActorSchema } from '../core/actor.js';
import { ClaimSchema } from '../core/claim.js';
import { IdSchema } from '../core/common.js';
import { IncidentSchema } from '../core/incident.js';
import { SourceSchema } from '../core/source.js';
import { ACT_TYPES, ACTOR_KINDS, PLACE_KINDS } from '../core/vocabularies.js';
import { PageQuerySchema } from '../app/paging.js';

export const IdParamsSchema = z.object({ id: IdSchema });

/** The one error shape of the API. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

const ERROR_DESCRIPTIONS = {
  400: 'Bad request: VALIDATION_FAILED (error.fields names each field at fault), MALFORMED_JSON or BAD_REQUEST',
  401: 'UNAUTHENTICATED: no valid session (sign in), or SIGN_IN_FAILED',
  403: 'FORBIDDEN (the role does not allow it), CSRF_FAILED, or KEYS_LOCKED (sealed data needs a member’s keys)',
  404: 'Not found: the record, or a record the request refers to (error.fields names the field)',
  409: 'Conflict: CONFLICT (the record cannot change) or IN_USE (other records still refer to it)',
  413: 'PAYLOAD_TOO_LARGE: the request body is over the limit',
  415: 'UNSUPPORTED_MEDIA_TYPE: the request body is not application/json',
  429: 'THROTTLED: too many failed sign-ins; wait',
  500: 'INTERNAL: an unexpected error; nothing of the request is echoed',
} as const;

type ErrorStatus = Exclude<keyof typeof ERROR_DESCRIPTIONS, 500>;

/** Error responses a route documents; the body is always ErrorBodySchema. */
export function errorResponses(...statuses: readonly ErrorStatus[]): Record<number, typeof ErrorBodySchema> {
  const out: Record<number, typeof ErrorBodySchema> = {};
  for (const s of [...statuses, 500 as const]) out[s] = ErrorBodySchema.describe(ERROR_DESCRIPTIONS[s]);
  return out;
}

/** The response of a DELETE. */
export const NoContentSchema = z.null().describe('Deleted');

/** Errors a write with a JSON body can meet before it reaches a use case. */
export const BODY_ERRORS = [400, 413, 415] as const;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().nonnegative(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

/**
 * The domain schemas of stored records are strict (their input half refuses unknown fields).
 * Responses strip instead: a column the storage layer adds must not turn every read into a 500,
 * and it must not leak into the API either.
 */
export const SourceResponseSchema = SourceSchema.strip();

// ---- list queries the app takes as plain objects (no schema of its own) ----

const searchText = (max: number) => z.string().trim().min(1).max(max);

export const SourceListQuerySchema = PageQuerySchema.extend({
  collectionId: IdSchema.optional(),
  outlet: searchText(200).optional(),
});

export const ActorListQuerySchema = PageQuerySchema.extend({
  collectionId: IdSchema.optional(),
  kind: z.enum(ACTOR_KINDS.codes).optional(),
  /** Case-insensitive match on the English or Russian name. */
  name: searchText(300).optional(),
});

export const PlaceListQuerySchema = PageQuerySchema.extend({
  /** Case-insensitive prefix of the English or Russian name. */
  name: searchText(300).optional(),
  kind: z.enum(PLACE_KINDS.codes).optional(),
  /** ISO 3166-1 alpha-2 code of the country. */
  country: z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 code').optional(),
  parentId: IdSchema.optional(),
});

// ---- the incident view (src/app/incidents.ts IncidentView) ----

const ActorRefSchema = ActorSchema.pick({ id: true, name: true, nameRu: true });

export const ClaimViewSchema = z.object({
  claim: ClaimSchema,
  /** The independence key of the claim: the body behind the statement. */
  origin: z.string(),
  speaker: ActorSchema.pick({ id: true, name: true, nameRu: true, kind: true, role: true }).nullable(),
  /** The organisation a speaking person speaks for. */
  organisation: ActorRefSchema.nullable(),
  /** The outlet or body that relays the statement. */
  relay: ActorRefSchema.nullable(),
  source: SourceResponseSchema.pick({ id: true, title: true, outlet: true, publishedAt: true, kind: true, url: true }).nullable(),
});

export const ClaimsBySideSchema = z.object({
  supporting: z.array(ClaimViewSchema),
  denying: z.array(ClaimViewSchema),
  other: z.array(ClaimViewSchema),
});

export const IncidentViewSchema = z.object({
  incident: IncidentSchema,
  incidentClaims: ClaimsBySideSchema,
  /** Per act id. */
  actClaims: z.record(z.string(), ClaimsBySideSchema),
  /** Every claim, oldest first. */
  timeline: z.array(ClaimViewSchema),
});

// ---- search and statistics (src/core/ports.ts SearchResult, src/app/search.ts StatsResult) ----

const FacetValueSchema = z.object({ value: z.string(), count: z.number().int().nonnegative() });

export const SearchResponseSchema = z.object({
  total: z.number().int().nonnegative(),
  /** False when more documents match than are counted one by one: `total` is then a lower bound. */
  totalExact: z.boolean(),
  limit: z.number().int(),
  offset: z.number().int(),
  hits: z.array(
    z.object({
      kind: z.enum(['incident', 'claim', 'source']),
      id: IdSchema,
      incidentId: IdSchema.nullable(),
      sourceId: IdSchema.nullable(),
      title: z.string(),
      rank: z.number(),
    }),
  ),
  facets: z.object({
    actType: z.array(FacetValueSchema),
    status: z.array(FacetValueSchema),
    country: z.array(FacetValueSchema),
    region: z.array(FacetValueSchema),
    year: z.array(FacetValueSchema),
    outlet: z.array(FacetValueSchema),
  }),
});

export const StatsResponseSchema = z.object({
  cells: z.array(
    z.object({
      actType: z.enum(ACT_TYPES.codes),
      /** `YYYY-MM` of the act's start, null when unknown. */
      period: z.string().nullable(),
      countryCode: z.string().nullable(),
      regionCode: z.string().nullable(),
      low: z.number().int().nonnegative(),
      /** null: no upper bound is known. */
      high: z.number().int().nonnegative().nullable(),
      incidents: z.number().int().nonnegative(),
      acts: z.number().int().nonnegative(),
    }),
  ),
  totals: z.array(
    z.object({
      actType: z.string(),
      low: z.number().int().nonnegative(),
      high: z.number().int().nonnegative().nullable(),
      acts: z.number().int().nonnegative(),
    }),
  ),
});

// ---- vocabularies ----

export const VocabularySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  en: z.string(),
  ru: z.string(),
  terms: z.array(z.object({ code: z.string(), en: z.string(), ru: z.string(), description: z.string().optional() })),
});

export const VocabularyParamsSchema = z.object({ id: z.string().regex(/^[a-z_]{1,64}$/, 'a vocabulary id such as act_type') });
