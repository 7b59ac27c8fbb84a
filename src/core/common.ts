import { z } from 'zod';
import type { FieldIssue } from './errors.js';
import { ValidationError } from './errors.js';

export const IdSchema = z.uuid();
export const TimestampSchema = z.iso.datetime();

// PostgreSQL cannot store U+0000 in text; refusing it everywhere keeps both engines alike.
const NUL = String.fromCharCode(0);
const noNul = (s: string) => !s.includes(NUL);
const NO_NUL_MESSAGE = 'must not contain NUL characters';

/** Trimmed single-line text with a length limit; empty after trimming is refused. */
export const line = (max: number) => z.string().trim().min(1).max(max).refine(noNul, NO_NUL_MESSAGE);
/** Free text that may be empty. */
export const text = (max: number) => z.string().max(max).refine(noNul, NO_NUL_MESSAGE);

type Undefaulted<T extends z.ZodRawShape> = {
  [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer I> ? I : T[K]>;
};

/**
 * The schema of a partial update: every field optional and none defaulted. (`.partial()` keeps
 * defaults in zod 4, which would silently reset every field a PATCH does not name.)
 */
export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>): z.ZodObject<Undefaulted<T>, z.core.$strict> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const base = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = base.optional();
  }
  return z.object(shape).strict() as unknown as z.ZodObject<Undefaulted<T>, z.core.$strict>;
}

export const TEXT_LIMIT = 2_000_000;

/** Parse with a schema; a failure becomes a ValidationError naming every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ValidationError(`invalid ${what}`, issuesToFields(r.error.issues));
}

export function issuesToFields(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
}
