/** Country and region names by ISO code, looked up once in the gazetteer and cached. */
import { useEffect, useState } from 'react';
import { api } from './api/client.js';
import type { Place } from './api/types.js';

const byCountry = new Map<string, Promise<Place[]>>();

/** The built-in country and its regions, for a country code. */
function placesOf(country: string): Promise<Place[]> {
  const key = country.toUpperCase();
  let p = byCountry.get(key);
  if (!p) {
    p = Promise.all([api.places.list({ country: key, kind: 'country', limit: 5 }), api.places.list({ country: key, kind: 'region', limit: 500 })]).then(([c, r]) => [
      ...c.items,
      ...r.items,
    ]);
    p.catch(() => byCountry.delete(key));
    byCountry.set(key, p);
  }
  return p;
}

/** Names for ISO 3166 codes (countries `RU`, regions `RU-CE`); a code stands for itself until loaded. */
export function usePlaceNames(codes: readonly string[]): ReadonlyMap<string, Place> {
  const [names, setNames] = useState<ReadonlyMap<string, Place>>(new Map());
  const key = [...new Set(codes.map((c) => c.toUpperCase()))].sort().join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    const countries = [...new Set(key.split(',').map((c) => c.slice(0, 2)))];
    Promise.all(countries.map((c) => placesOf(c).catch(() => [] as Place[]))).then((lists) => {
      if (!live) return;
      const m = new Map<string, Place>();
      for (const p of lists.flat()) if (p.code) m.set(p.code.toUpperCase(), p);
      setNames(m);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}
