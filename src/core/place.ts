import { z } from 'zod';
import { IdSchema, line, patchOf } from './common.js';
import { PLACE_KINDS } from './vocabularies.js';

/**
 * The gazetteer: built-in countries (ISO 3166-1) and regions (ISO 3166-2), and localities
 * that users add under a region or country. Places are shared by all collections.
 */
export const PlaceInputSchema = z
  .object({
    kind: z.enum(['region', 'locality']).default('locality'),
    nameEn: line(300),
    nameRu: line(300).nullable().default(null),
    parentId: IdSchema,
    latitude: z.number().min(-90).max(90).nullable().default(null),
    longitude: z.number().min(-180).max(180).nullable().default(null),
  })
  .strict();

export const PlacePatchSchema = patchOf(PlaceInputSchema.omit({ kind: true, parentId: true }));

export const PlaceSchema = z.object({
  id: IdSchema,
  kind: z.enum(PLACE_KINDS.codes),
  code: z.string().nullable(),
  nameEn: z.string(),
  nameRu: z.string().nullable(),
  parentId: IdSchema.nullable(),
  countryCode: z.string(),
  regionCode: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  builtin: z.boolean(),
});

export type PlaceInput = z.input<typeof PlaceInputSchema>;
export type PlacePatch = z.input<typeof PlacePatchSchema>;
export type Place = z.infer<typeof PlaceSchema>;
