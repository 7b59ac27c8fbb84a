import { describe, expect, it } from 'vitest';
import { en, type Translations } from './en.js';
import { ru } from './ru.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function keys(t: Translations, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k.replace(PLURAL, '')}`] : keys(v, `${prefix}${k}.`)));
}

function strings(t: Translations, prefix = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : strings(v, `${prefix}${k}.`)));
}

describe('web translations', () => {
  it('Russian has every English key and no other', () => {
    expect([...new Set(keys(ru))].sort()).toEqual([...new Set(keys(en))].sort());
  });

  it('Russian plurals have the one, few, many and other forms', () => {
    const plural = new Set(strings(ru).filter(([k]) => PLURAL.test(k)).map(([k]) => k.replace(PLURAL, '')));
    const forms = new Set(strings(ru).map(([k]) => k));
    for (const base of plural) for (const f of ['one', 'few', 'many', 'other']) expect(forms.has(`${base}_${f}`), `${base}_${f}`).toBe(true);
  });

  it('each translation keeps the interpolations of the English text', () => {
    const enStrings = new Map(strings(en).map(([k, v]) => [k.replace(PLURAL, ''), v]));
    for (const [k, v] of strings(ru)) {
      const source = enStrings.get(k.replace(PLURAL, ''));
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(v), k).toEqual(vars(source ?? ''));
    }
  });
});
