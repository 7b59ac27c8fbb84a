import { z } from 'zod';
import { IdSchema, line, patchOf, text, TEXT_LIMIT, TimestampSchema } from './common.js';
import { IsoDateSchema } from './fuzzy-date.js';
import { RELIABILITY, SOURCE_KINDS } from './vocabularies.js';

/** Where information comes from: an article, a report, a testimony, a statement. */
export const SourceInputSchema = z
  .object({
    collectionId: IdSchema.optional(),
    kind: z.enum(SOURCE_KINDS.codes),
    title: line(500),
    outlet: line(200).nullable().default(null),
    author: line(300).nullable().default(null),
    url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
    language: z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code such as en or ru').nullable().default(null),
    publishedAt: IsoDateSchema.nullable().default(null),
    obtainedAt: IsoDateSchema.nullable().default(null),
    reliability: z.enum(RELIABILITY.codes).nullable().default(null),
    text: text(TEXT_LIMIT).nullable().default(null),
    notes: text(20_000).default(''),
  })
  .strict();

export const SourcePatchSchema = patchOf(SourceInputSchema.omit({ collectionId: true }));

export const SourceSchema = SourceInputSchema.extend({
  id: IdSchema,
  collectionId: IdSchema,
  /** SHA-256 of the text (derived), so that the same text is stored once per collection. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /**
   * A testimony's text, sealed under the collection key (then `text` is null and there is no
   * content hash: a hash would let anyone confirm a guessed text). Opened by an audited reveal.
   */
  textSealed: z.string().nullable().default(null),
  /** The collection key version that sealed `textSealed`. */
  keyVersion: z.number().int().nullable().default(null),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export type SourceInput = z.input<typeof SourceInputSchema>;
export type SourcePatch = z.input<typeof SourcePatchSchema>;
export type Source = z.infer<typeof SourceSchema>;
