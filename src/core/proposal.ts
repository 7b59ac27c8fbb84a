/**
 * A proposal read from a text: the incidents it reports and the statements it attributes, in the
 * schema of the extraction conventions, plus evidence offsets, the rule behind each item and, for
 * statements, the incidents they are about. src/extract produces it; app/ingest stores it for review.
 */
import { z } from 'zod';

/** The act labels of CONVENTIONS.md (a subset of core ACT_TYPES: extraction never proposes
 * sexual_violence or prosecution, which need a reviewer's judgement). */
export const EXTRACT_ACTS = [
  'killing', 'detention', 'torture', 'ill_treatment', 'enforced_disappearance', 'abduction',
  'threat', 'document_confiscation', 'coerced_statement', 'movement_restriction',
  'denial_of_justice', 'raid', 'dispersal', 'injury', 'other',
] as const;
export const ActSchema = z.enum(EXTRACT_ACTS);
export type Act = z.infer<typeof ActSchema>;

export const EXTRACT_STANCES = [
  'alleges', 'denies', 'confirms', 'acknowledges', 'promises_investigation', 'demands_action', 'other',
] as const;
export const StanceSchema = z.enum(EXTRACT_STANCES);
export type ExtractStance = z.infer<typeof StanceSchema>;

export const QualifierSchema = z.enum(['exact', 'at_least', 'at_most', 'about', 'more_than', 'fewer_than', 'range', 'unspecified']);

/** Character offsets into the input text, [start, end). */
export const OffsetsSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
export type Offsets = z.infer<typeof OffsetsSchema>;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const CountSchema = z.object({
  qualifier: QualifierSchema,
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  text: z.string().nullable(),
  offsets: OffsetsSchema.nullable(),
});

export const DateSchema = z.object({
  text: z.string().nullable(),
  start: IsoDay.nullable(),
  end: IsoDay.nullable(),
  precision: z.enum(['day', 'week', 'month', 'year', 'unknown']),
  offsets: OffsetsSchema.nullable(),
});

export const LocationSchema = z.object({
  text: z.string().nullable(),
  place: z.string().nullable(),
  country: z.string().length(2).nullable(),
  offsets: OffsetsSchema.nullable(),
});

export const IncidentSchema = z.object({
  act: ActSchema,
  count: CountSchema,
  date: DateSchema,
  location: LocationSchema,
  perpetrator: z.string().nullable(),
  victims: z.string().nullable(),
  evidence_span: z.string(),
  evidence: OffsetsSchema,
  /** Why this was proposed: the trigger rule and how the count and date were found. */
  basis: z.string(),
});
export type ExtractedIncident = z.infer<typeof IncidentSchema>;

export const StatementSchema = z.object({
  speaker: z.string().nullable(),
  speaker_role: z.string().nullable(),
  organisation: z.string().nullable(),
  stance: StanceSchema,
  about: z.string(),
  quote: z.string().nullable(),
  reported_by: z.string().nullable(),
  evidence_span: z.string(),
  evidence: OffsetsSchema,
  quote_offsets: OffsetsSchema.nullable(),
  /** Indexes into `incidents` of the acts this statement is about, when determinable. */
  targets: z.array(z.number().int().nonnegative()),
  basis: z.string(),
});
export type ExtractedStatement = z.infer<typeof StatementSchema>;

export const SourceSchema = z.object({
  title: z.string().nullable(),
  url: z.string().nullable(),
  outlet: z.string().nullable(),
  published: IsoDay,
  published_inferred: z.boolean(),
});

export const ExtractionResultSchema = z.object({
  source: SourceSchema,
  incidents: z.array(IncidentSchema),
  statements: z.array(StatementSchema),
});
export type ExtractionResult = z.infer<typeof ExtractionResultSchema>;

export const ExtractInputSchema = z.object({
  text: z.string(),
  published: z.string(),
  outlet: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  url: z.string().nullable().optional(),
});
export type ExtractInput = z.infer<typeof ExtractInputSchema>;

/** Reads a text into a proposal; implemented by src/extract, injected where the app is built. */
export interface TextExtractor {
  extract(input: ExtractInput, options?: { today?: string }): ExtractionResult;
}
