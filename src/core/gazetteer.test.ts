import { describe, it, expect } from 'vitest';
import { builtinPlaces, findBuiltinPlace, matchPlaceName, normalizePlaceName } from './gazetteer.js';

const codesOf = (name: string): string[] => matchPlaceName(name).map((p) => p.code);

describe('built-in gazetteer data', () => {
  const places = builtinPlaces();
  const countries = places.filter((p) => p.kind === 'country');
  const regions = places.filter((p) => p.kind === 'region');

  it('has unique codes', () => {
    const codes = places.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('lists every ISO 3166-1 country, with well-formed codes', () => {
    expect(countries.length).toBe(249);
    for (const c of countries) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.countryCode).toBe(c.code);
    }
  });

  it('lists countries first, then regions', () => {
    const firstRegion = places.findIndex((p) => p.kind === 'region');
    expect(firstRegion).toBe(countries.length);
  });

  it("gives every region a country in the list and a code prefixed by that country's", () => {
    const countryCodes = new Set(countries.map((c) => c.code));
    for (const r of regions) {
      expect(countryCodes.has(r.countryCode), r.code).toBe(true);
      expect(r.code).toMatch(new RegExp(`^${r.countryCode}-[A-Z0-9]{1,3}$`));
    }
  });

  it('has the 83 Russian federal subjects that ISO 3166-2 lists', () => {
    expect(regions.filter((r) => r.countryCode === 'RU')).toHaveLength(83);
  });

  it('has the 6 oblasts and the city of Minsk for Belarus', () => {
    const by = regions.filter((r) => r.countryCode === 'BY').map((r) => r.code);
    expect(by.sort()).toEqual(['BY-BR', 'BY-HM', 'BY-HO', 'BY-HR', 'BY-MA', 'BY-MI', 'BY-VI']);
  });

  it('keeps Crimea and Sevastopol under Ukraine', () => {
    expect(findBuiltinPlace('UA-43')?.countryCode).toBe('UA');
    expect(findBuiltinPlace('UA-40')?.countryCode).toBe('UA');
    expect(findBuiltinPlace('RU-CR')).toBeUndefined();
    expect(findBuiltinPlace('RU-SEV')).toBeUndefined();
    for (const name of ['Crimea', 'Крым', 'Sevastopol', 'Севастополь']) {
      expect(matchPlaceName(name).map((p) => p.countryCode), name).toEqual(['UA']);
    }
  });

  it('gives every place an English name and a Cyrillic Russian name', () => {
    for (const p of places) {
      expect(p.nameEn.trim(), p.code).not.toBe('');
      expect(p.nameRu.trim(), p.code).not.toBe('');
      expect(p.nameRu, p.code).toMatch(/[\u0400-\u04FF]/);
    }
  });

  it('has no empty or padded aliases', () => {
    for (const p of places) {
      for (const a of p.aliases ?? []) expect(a, p.code).toBe(a.trim());
      for (const a of p.aliases ?? []) expect(a, p.code).not.toBe('');
    }
  });
});

describe('findBuiltinPlace', () => {
  it('finds by code, case-insensitively', () => {
    expect(findBuiltinPlace('RU')?.nameEn).toBe('Russia');
    expect(findBuiltinPlace('ru-ce')?.nameEn).toBe('Chechnya');
    expect(findBuiltinPlace(' by-hm ')?.nameRu).toBe('Минск');
  });

  it('returns undefined for an unknown code', () => {
    expect(findBuiltinPlace('ZZ')).toBeUndefined();
    expect(findBuiltinPlace('')).toBeUndefined();
  });
});

describe('matchPlaceName', () => {
  it('finds Chechnya by its English, Russian and official names', () => {
    for (const name of ['Chechnya', 'чечня', 'Chechen Republic', 'ЧЕЧЕНСКАЯ  республика']) {
      expect(codesOf(name), name).toEqual(['RU-CE']);
    }
  });

  it('finds countries by short and official names in both languages', () => {
    expect(codesOf('Russia')).toEqual(['RU']);
    expect(codesOf('Россия')).toEqual(['RU']);
    expect(codesOf('Russian Federation')).toEqual(['RU']);
    expect(codesOf('Belarus')).toEqual(['BY']);
    expect(codesOf('Беларусь')).toEqual(['BY']);
    expect(codesOf('Белоруссия')).toEqual(['BY']);
  });

  it('folds ё to е, whitespace, and dash variants', () => {
    expect(codesOf('Могилевская область')).toEqual(['BY-MA']);
    expect(codesOf('Могилёвская область')).toEqual(['BY-MA']);
    expect(codesOf('  saint   petersburg ')).toEqual(['RU-SPE']);
    expect(codesOf('North Ossetia-Alania')).toEqual(['RU-SE']);
    expect(codesOf('Северная Осетия-Алания')).toEqual(['RU-SE']);
    expect(normalizePlaceName('Папуа — Новая Гвинея')).toBe(normalizePlaceName('Папуа-Новая Гвинея'));
  });

  it('tells the federal city apart from the surrounding oblast', () => {
    expect(codesOf('Moscow')).toEqual(['RU-MOW']);
    expect(codesOf('Москва')).toEqual(['RU-MOW']);
    expect(codesOf('Moscow Oblast')).toEqual(['RU-MOS']);
    expect(codesOf('Московская область')).toEqual(['RU-MOS']);
  });

  it('puts regions before countries when a name matches both', () => {
    // No built-in name is shared today (next test), so this guards the ordering for future data.
    for (const p of builtinPlaces()) {
      const kinds = matchPlaceName(p.nameEn).map((m) => m.kind);
      const firstCountry = kinds.indexOf('country');
      if (firstCountry !== -1) expect(kinds.slice(firstCountry), p.code).not.toContain('region');
    }
  });

  it('maps every built-in name to a single place', () => {
    for (const p of builtinPlaces()) {
      for (const name of [p.nameEn, p.nameRu, ...(p.aliases ?? [])]) {
        expect(codesOf(name), name).toEqual([p.code]);
      }
    }
  });

  it('returns nothing for unknown or empty input, and a fresh array each time', () => {
    expect(matchPlaceName('Atlantis')).toEqual([]);
    expect(matchPlaceName('   ')).toEqual([]);
    const a = matchPlaceName('Russia');
    a.pop();
    expect(codesOf('Russia')).toEqual(['RU']);
  });
});
