import { BUILTIN_COUNTRIES, BUILTIN_REGIONS, type BuiltinPlace } from './gazetteer.data.js';

// The type lives in the data file so that file needs no import from here (no cycle).
export type { BuiltinPlace } from './gazetteer.data.js';

const ALL_PLACES: readonly BuiltinPlace[] = [...BUILTIN_COUNTRIES, ...BUILTIN_REGIONS];

/** Every built-in place: countries first, then regions. */
export function builtinPlaces(): readonly BuiltinPlace[] {
  return ALL_PLACES;
}

let byCode: Map<string, BuiltinPlace> | undefined;

/** The place with this ISO 3166-1 / 3166-2 code, compared case-insensitively. */
export function findBuiltinPlace(code: string): BuiltinPlace | undefined {
  if (byCode === undefined) {
    byCode = new Map(ALL_PLACES.map((p) => [p.code.toUpperCase(), p]));
  }
  return byCode.get(code.trim().toUpperCase());
}

/**
 * Folds the differences that carry no meaning when a person types a place name: case, runs of
 * whitespace, ё/е (Russian text writes either), dash and apostrophe variants, and spacing around
 * dashes ('Папуа — Новая Гвинея' vs 'Папуа-Новая Гвинея').
 */
export function normalizePlaceName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .trim();
}

let byName: Map<string, BuiltinPlace[]> | undefined;

function nameIndex(): Map<string, BuiltinPlace[]> {
  if (byName !== undefined) return byName;
  const index = new Map<string, BuiltinPlace[]>();
  // Regions are indexed first so that, for a shared name, the more specific place comes first.
  const ordered = [...BUILTIN_REGIONS, ...BUILTIN_COUNTRIES];
  for (const place of ordered) {
    for (const name of [place.nameEn, place.nameRu, ...(place.aliases ?? [])]) {
      const key = normalizePlaceName(name);
      if (key === '') continue;
      const hits = index.get(key);
      if (hits === undefined) index.set(key, [place]);
      else if (!hits.includes(place)) hits.push(place);
    }
  }
  byName = index;
  return index;
}

/**
 * Built-in places whose English name, Russian name or an alias equals `name` after
 * normalisation (see normalizePlaceName); regions before countries. Empty when nothing matches.
 */
export function matchPlaceName(name: string): BuiltinPlace[] {
  const key = normalizePlaceName(name);
  if (key === '') return [];
  return [...(nameIndex().get(key) ?? [])];
}
