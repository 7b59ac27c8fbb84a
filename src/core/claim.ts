import { z } from 'zod';
import { IdSchema, line, patchOf, text, TimestampSchema } from './common.js';
import { CountSchema } from './count.js';
import { FuzzyDateSchema } from './fuzzy-date.js';
import { CREDIBILITY, REVIEW_STATES, STANCES } from './vocabularies.js';

/** The values a claim asserts about its incident or act. Each is optional. */
export const AssertionSchema = z
  .object({
    count: CountSchema.nullable().default(null),
    date: FuzzyDateSchema.nullable().default(null),
    placeId: IdSchema.nullable().default(null),
    perpetratorId: IdSchema.nullable().default(null),
  })
  .strict();

/** Character offsets of the claim's evidence in its source's text: [start, end). */
export const EvidenceSpanSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .strict()
  .refine((s) => s.end > s.start, { path: ['end'], message: 'end must be after start' });

/**
 * The heart of Vigil: source S, through speaker X (relayed by R), with stance T, asserts V
 * about incident/act I. Claims are never overwritten by one another.
 */
export const ClaimInputSchema = z
  .object({
    sourceId: IdSchema,
    incidentId: IdSchema.nullable().default(null),
    actId: IdSchema.nullable().default(null),
    speakerId: IdSchema.nullable().default(null),
    /** Who spoke when they are not a known actor ("activists", "a witness"). */
    speakerRole: line(300).nullable().default(null),
    /** The outlet or body that relays the statement ("…, RT reported"). */
    relayId: IdSchema.nullable().default(null),
    stance: z.enum(STANCES.codes),
    about: line(2000),
    quote: text(20_000).nullable().default(null),
    asserts: AssertionSchema.default({ count: null, date: null, placeId: null, perpetratorId: null }),
    evidence: EvidenceSpanSchema.nullable().default(null),
    credibility: z.enum(CREDIBILITY.codes).nullable().default(null),
    review: z.enum(REVIEW_STATES.codes).default('accepted'),
  })
  .strict();

export const ClaimPatchSchema = patchOf(ClaimInputSchema.omit({ sourceId: true }));

export const ClaimSchema = z.object({
  id: IdSchema,
  collectionId: IdSchema,
  sourceId: IdSchema,
  incidentId: IdSchema.nullable(),
  actId: IdSchema.nullable(),
  speakerId: IdSchema.nullable(),
  speakerRole: z.string().nullable(),
  relayId: IdSchema.nullable(),
  stance: z.enum(STANCES.codes),
  about: z.string(),
  quote: z.string().nullable(),
  asserts: z.object({
    count: CountSchema.nullable(),
    date: FuzzyDateSchema.nullable(),
    placeId: IdSchema.nullable(),
    perpetratorId: IdSchema.nullable(),
  }),
  evidence: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
  credibility: z.enum(CREDIBILITY.codes).nullable(),
  review: z.enum(REVIEW_STATES.codes),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export type AssertionInput = z.input<typeof AssertionSchema>;
export type ClaimInput = z.input<typeof ClaimInputSchema>;
export type ClaimPatch = z.input<typeof ClaimPatchSchema>;
export type Claim = z.infer<typeof ClaimSchema>;
