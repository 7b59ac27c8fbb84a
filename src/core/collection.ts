import { z } from 'zod';
import { IdSchema, line, patchOf, text, TimestampSchema } from './common.js';

/** Every record belongs to one collection; access is granted per collection. */
export const CollectionInputSchema = z
  .object({
    name: line(200),
    description: text(5000).default(''),
  })
  .strict();
export const CollectionPatchSchema = patchOf(CollectionInputSchema);

export const CollectionSchema = z.object({
  id: IdSchema,
  name: z.string(),
  description: z.string(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export type CollectionInput = z.input<typeof CollectionInputSchema>;
export type CollectionPatch = z.input<typeof CollectionPatchSchema>;
export type Collection = z.infer<typeof CollectionSchema>;
