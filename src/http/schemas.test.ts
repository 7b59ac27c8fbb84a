import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IncidentPatchSchema } from '../core/incident.js';
import { SourcePatchSchema } from '../core/source.js';

/** PATCH bodies are the core patch schemas: what they document in OpenAPI must match. */
describe('PATCH body schemas', () => {
  it('still validate every field, nested defaults included, and refuse unknown keys', () => {
    expect(IncidentPatchSchema.parse({ acts: [{ type: 'killing' }] })).toMatchObject({ acts: [{ type: 'killing', involvements: [], victims: null }] });
    expect(IncidentPatchSchema.safeParse({ acts: [{ type: 'zzz' }] }).success).toBe(false);
    expect(IncidentPatchSchema.safeParse({ title: '  ' }).success).toBe(false);
    expect(IncidentPatchSchema.safeParse({ collectionId: '01900000-0000-7000-8000-000000000000' }).success).toBe(false);
    expect(IncidentPatchSchema.safeParse({ reviewDecision: null }).success).toBe(true);
  });

  it('describe no defaults and no required fields in JSON Schema', () => {
    const json = z.toJSONSchema(SourcePatchSchema, { io: 'input' }) as { properties: Record<string, object>; required?: string[] };
    expect(Object.values(json.properties).filter((p) => 'default' in p)).toEqual([]);
    expect(json.required ?? []).toEqual([]);
  });
});
