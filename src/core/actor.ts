import { z } from 'zod';
import { IdSchema, line, text, TimestampSchema } from './common.js';
import { ACTOR_KINDS, ORGANISATION_TYPES } from './vocabularies.js';

/**
 * An organisation (agency, unit, NGO, outlet, ministry; organisations nest through parentId)
 * or a person. A person's `name` is a public name for public figures (a spokesperson) and a
 * pseudonym for everyone else; identifying details never live here.
 */
export const ActorInputSchema = z
  .object({
    collectionId: IdSchema.optional(),
    kind: z.enum(ACTOR_KINDS.codes),
    name: line(300),
    nameRu: line(300).nullable().default(null),
    organisationType: z.enum(ORGANISATION_TYPES.codes).nullable().default(null),
    /** For an organisation, the body it belongs to; for a person, the organisation they speak for. */
    parentId: IdSchema.nullable().default(null),
    /** A person's role ("programme director", "spokesperson"). */
    role: line(300).nullable().default(null),
    notes: text(20_000).default(''),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.kind === 'person' && a.organisationType !== null)
      ctx.addIssue({ code: 'custom', path: ['organisationType'], message: 'only organisations have an organisation type' });
  });

export const ActorPatchSchema = z
  .object({
    name: line(300),
    nameRu: line(300).nullable(),
    organisationType: z.enum(ORGANISATION_TYPES.codes).nullable(),
    parentId: IdSchema.nullable(),
    role: line(300).nullable(),
    notes: text(20_000),
  })
  .partial()
  .strict();

export const ActorSchema = z.object({
  id: IdSchema,
  collectionId: IdSchema,
  kind: z.enum(ACTOR_KINDS.codes),
  name: z.string(),
  nameRu: z.string().nullable(),
  organisationType: z.enum(ORGANISATION_TYPES.codes).nullable(),
  parentId: IdSchema.nullable(),
  role: z.string().nullable(),
  notes: z.string(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export type ActorInput = z.input<typeof ActorInputSchema>;
export type ActorPatch = z.input<typeof ActorPatchSchema>;
export type Actor = z.infer<typeof ActorSchema>;
