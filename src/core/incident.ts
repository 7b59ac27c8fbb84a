import { z } from 'zod';
import { IdSchema, line, patchOf, text, TimestampSchema } from './common.js';
import { CountSchema } from './count.js';
import { FuzzyDateSchema, UNKNOWN_DATE } from './fuzzy-date.js';
import { ACT_TYPES, INVOLVEMENT_DEGREES, REVIEW_DECISIONS, REVIEW_STATES, VERIFICATION_STATUSES } from './vocabularies.js';

/** An actor's part in an act: who did it, and how (direct, ordered, complicit…). */
export const InvolvementInputSchema = z
  .object({
    actorId: IdSchema,
    degree: z.enum(INVOLVEMENT_DEGREES.codes).default('direct'),
  })
  .strict();

/** One kind of violation within an incident. Its victim count is derived from claims. */
export const ActInputSchema = z
  .object({
    /** Given when updating an incident, to keep the act (and the claims on it). */
    id: IdSchema.optional(),
    type: z.enum(ACT_TYPES.codes),
    victims: line(1000).nullable().default(null),
    perpetrators: line(1000).nullable().default(null),
    date: FuzzyDateSchema.default(UNKNOWN_DATE),
    placeId: IdSchema.nullable().default(null),
    involvements: z.array(InvolvementInputSchema).max(100).default([]),
  })
  .strict();

const tag = line(100);

export const IncidentInputSchema = z
  .object({
    collectionId: IdSchema.optional(),
    title: line(500),
    summary: text(20_000).default(''),
    date: FuzzyDateSchema.default(UNKNOWN_DATE),
    placeId: IdSchema.nullable().default(null),
    tags: z.array(tag).max(50).default([]),
    acts: z.array(ActInputSchema).max(200).default([]),
    /** A reviewer's decision; the rest of the status is derived from the claims. */
    reviewDecision: z.enum(REVIEW_DECISIONS.codes).nullable().default(null),
    /**
     * Whether a person has accepted the incident as a record. Incidents proposed by extraction
     * start as `proposed` and count nowhere until accepted.
     */
    review: z.enum(REVIEW_STATES.codes).default('accepted'),
  })
  .strict();

/** Replacing `acts` replaces the incident's acts: acts with a known id are kept and updated. */
export const IncidentPatchSchema = patchOf(IncidentInputSchema.omit({ collectionId: true, review: true }));

export const InvolvementSchema = z.object({
  actorId: IdSchema,
  degree: z.enum(INVOLVEMENT_DEGREES.codes),
});

/** What the claims say about an act's victims, after reconciliation (see docs/reconciliation.md). */
export const ReconciledCountSchema = z.object({
  /** The figure the most independent sources support; null when no claim gives one. */
  count: CountSchema.nullable(),
  /** Honest bounds of that figure: lower, and upper (null = no upper bound). */
  low: z.number().int().nonnegative(),
  high: z.number().int().nonnegative().nullable(),
  /** Claims whose figure is the reconciled one. */
  claimIds: z.array(IdSchema),
  /** Every distinct figure that supporting claims give, with who gives it. */
  figures: z.array(
    z.object({
      count: CountSchema,
      claimIds: z.array(IdSchema),
      origins: z.array(z.string()),
    }),
  ),
  /** Supporting figures disagree (their bounds do not overlap). */
  conflict: z.boolean(),
  /** Claims that deny this act or give a figure as a rebuttal. */
  denialClaimIds: z.array(IdSchema),
});

export const ActSchema = z.object({
  id: IdSchema,
  incidentId: IdSchema,
  type: z.enum(ACT_TYPES.codes),
  victims: z.string().nullable(),
  perpetrators: z.string().nullable(),
  date: FuzzyDateSchema,
  placeId: IdSchema.nullable(),
  involvements: z.array(InvolvementSchema),
  reconciled: ReconciledCountSchema,
});

export const StatusDerivationSchema = z.object({
  status: z.enum(VERIFICATION_STATUSES.codes),
  /** Human-readable reasons, in order, e.g. "2 independent origins support it". */
  reasons: z.array(z.string()),
  supportingOrigins: z.array(z.string()),
  denialClaimIds: z.array(IdSchema),
});

export const IncidentSchema = z.object({
  id: IdSchema,
  collectionId: IdSchema,
  title: z.string(),
  summary: z.string(),
  date: FuzzyDateSchema,
  placeId: IdSchema.nullable(),
  tags: z.array(z.string()),
  reviewDecision: z.enum(REVIEW_DECISIONS.codes).nullable(),
  review: z.enum(REVIEW_STATES.codes),
  status: z.enum(VERIFICATION_STATUSES.codes),
  derivation: StatusDerivationSchema,
  acts: z.array(ActSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export type InvolvementInput = z.input<typeof InvolvementInputSchema>;
export type ActInput = z.input<typeof ActInputSchema>;
export type IncidentInput = z.input<typeof IncidentInputSchema>;
export type IncidentPatch = z.input<typeof IncidentPatchSchema>;
export type Involvement = z.infer<typeof InvolvementSchema>;
export type ReconciledCount = z.infer<typeof ReconciledCountSchema>;
export type Act = z.infer<typeof ActSchema>;
export type StatusDerivation = z.infer<typeof StatusDerivationSchema>;
export type Incident = z.infer<typeof IncidentSchema>;
