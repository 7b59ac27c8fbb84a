import { describe, expect, it } from 'vitest';
import { ClaimPatchSchema } from './claim.js';
import { parseInput } from './common.js';
import { ValidationError } from './errors.js';
import { IncidentInputSchema, IncidentPatchSchema } from './incident.js';
import { SourcePatchSchema } from './source.js';

describe('patch schemas', () => {
  it('leave out every field the patch does not name (no defaults)', () => {
    expect(IncidentPatchSchema.parse({ title: 'New title' })).toEqual({ title: 'New title' });
    expect(ClaimPatchSchema.parse({ review: 'accepted' })).toEqual({ review: 'accepted' });
    expect(SourcePatchSchema.parse({})).toEqual({});
  });

  it('still validate the fields they name, and refuse unknown ones', () => {
    expect(() => parseInput(IncidentPatchSchema, { title: '' })).toThrow(ValidationError);
    expect(() => parseInput(IncidentPatchSchema, { acts: [{ type: 'zzz' }] })).toThrow(ValidationError);
    expect(() => parseInput(ClaimPatchSchema, { sourceId: crypto.randomUUID() })).toThrow(ValidationError);
  });

  it('keep defaults inside replaced lists (a new act starts with no involvements)', () => {
    expect(IncidentPatchSchema.parse({ acts: [{ type: 'detention' }] }).acts?.[0]?.involvements).toEqual([]);
  });
});

describe('text fields', () => {
  it('refuse NUL characters, which PostgreSQL cannot store', () => {
    try {
      parseInput(IncidentInputSchema, { title: 'a\u0000b', summary: 'ok' });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).fields).toEqual([{ path: 'title', message: 'must not contain NUL characters' }]);
    }
    expect(() => parseInput(IncidentInputSchema, { title: 'ok', summary: '\u0000' })).toThrow(ValidationError);
  });
});
