import { z } from 'zod';
import type { FieldIssue } from './errors.js';
import { ValidationError } from './errors.js';

export const IdSchema = z.uuid();
export const TimestampSchema = z.iso.datetime();

/** Trimmed single-line text with a length limit; empty after trimming is refused. */
export const line = (max: number) => z.string().trim().min(1).max(max);
/** Free text that may be empty. */
export const text = (max: number) => z.string().max(max);

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
