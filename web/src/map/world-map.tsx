/**
 * A world map of victims by country, drawn from Natural Earth boundaries (world-atlas, public
 * domain) bundled with the app: no tiles, no request to another origin. Loaded on demand, with
 * the boundaries in their own chunk. The table beside it carries the same figures in words.
 */
import { geoEqualEarth, geoPath } from 'd3-geo';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { useFormat } from '../format.js';
import { ISO_NUMERIC } from './iso-numeric.js';

type Country = Feature<Geometry, { name: string }>;

export interface WorldMapProps {
  /** Lower bound of victims per ISO alpha-2 country code. */
  readonly byCountry: ReadonlyMap<string, number>;
  /** Names in the reader's language, per alpha-2 code. */
  readonly names: ReadonlyMap<string, string>;
  readonly labelledBy: string;
}

const W = 800;
const H = 420;
const SHADES = ['#deebf7', '#9ecae1', '#4292c6', '#08519c', '#08306b'];

export default function WorldMap({ byCountry, names, labelledBy }: WorldMapProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const [countries, setCountries] = useState<Country[] | null>(null);
  useEffect(() => {
    let live = true;
    void import('world-atlas/countries-110m.json').then((m) => {
      const topo = (m.default ?? m) as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
      const fc = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
      if (live) setCountries(fc.features);
    });
    return () => {
      live = false;
    };
  }, []);
  if (!countries) return <p className="muted">{t('common.loading')}</p>;

  const projection = geoEqualEarth().fitSize([W, H], { type: 'FeatureCollection', features: countries });
  const path = geoPath(projection);
  const byNumeric = new Map<string, { code: string; n: number }>();
  for (const [code, n] of byCountry) {
    const id = ISO_NUMERIC[code.toUpperCase()];
    if (id) byNumeric.set(id, { code, n });
  }
  const max = Math.max(1, ...byCountry.values());
  const shade = (n: number): string => SHADES[Math.min(SHADES.length - 1, Math.floor((Math.log1p(n) / Math.log1p(max)) * (SHADES.length - 1)))] ?? SHADES[0]!;

  return (
    <figure className="map">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={labelledBy} className="map-svg">
        {countries.map((c, i) => {
          const hit = c.id !== undefined ? byNumeric.get(String(c.id)) : undefined;
          const d = path(c) ?? undefined;
          return (
            // The shade is a style (CSSOM, allowed by the CSP): a fill attribute would lose to the stylesheet.
            <path key={`${String(c.id)}-${i}`} d={d} className={hit ? 'country has-data' : 'country'} {...(hit ? { style: { fill: shade(hit.n) } } : {})}>
              {hit && <title>{`${names.get(hit.code) ?? c.properties.name}: ${f.number(hit.n)}`}</title>}
            </path>
          );
        })}
      </svg>
      <figcaption className="hint">{t('dashboard.mapNote')}</figcaption>
    </figure>
  );
}
