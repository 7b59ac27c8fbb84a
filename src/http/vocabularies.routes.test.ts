import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOCABULARIES } from '../core/vocabularies.js';
import { buildTestHttp, call, type TestHttp } from './testing.js';

let t: TestHttp;
beforeAll(async () => {
  t = await buildTestHttp();
});
afterAll(async () => {
  await t.close();
});

interface VocabularyJson {
  id: string;
  version: number;
  en: string;
  ru: string;
  terms: { code: string; en: string; ru: string }[];
}

describe('vocabularies', () => {
  it('lists every vocabulary with English and Russian labels', async () => {
    const res = await call(t.http, 'GET', '/vocabularies');
    expect(res.statusCode).toBe(200);
    const { vocabularies } = res.json<{ vocabularies: VocabularyJson[] }>();
    expect(vocabularies.map((v) => v.id)).toEqual(VOCABULARIES.map((v) => v.id));
    const actTypes = vocabularies.find((v) => v.id === 'act_type');
    expect(actTypes?.terms.find((x) => x.code === 'killing')).toEqual({ code: 'killing', en: 'Killing', ru: 'Убийство' });
    for (const v of vocabularies) for (const term of v.terms) expect(term.ru.length).toBeGreaterThan(0);
  });

  it('gets one vocabulary by id, 404 for an unknown one, 400 for an impossible one', async () => {
    const one = await call(t.http, 'GET', '/vocabularies/stance');
    expect(one.json<VocabularyJson>().terms.map((x) => x.code)).toContain('denies');
    const missing = await call(t.http, 'GET', '/vocabularies/colours');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND', fields: [{ path: 'id' }] } });
    expect((await call(t.http, 'GET', '/vocabularies/Act-Type')).statusCode).toBe(400);
  });
});
