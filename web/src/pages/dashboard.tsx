/**
 * The dashboard: victims by act type over time (chart), by place (table and map), the latest
 * claims and the incidents awaiting review, for the collection being worked on.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Claim, Incident, StatsResponse } from '../api/types.js';
import { seriesOf, TimeChart } from '../components/chart.js';
import { ErrorNotice, Loading, PageTitle } from '../components/ui.js';
import { placeName, useCollection, useVocab } from '../data.js';
import { useFormat } from '../format.js';
import { useAsync } from '../hooks.js';
import { asLang } from '../i18n/index.js';
import { usePlaceNames } from '../places.js';
import { Link } from '../router.js';

const WorldMap = lazy(() => import('../map/world-map.js'));

interface DashboardData {
  stats: StatsResponse;
  latest: Claim[];
  awaiting: { items: Incident[]; total: number };
}

const LATEST = 8;

function Bound({ low, high }: { low: number; high: number | null }) {
  const f = useFormat();
  return <>{f.bounds(low, high)}</>;
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const v = useVocab();
  const f = useFormat();
  const { current } = useCollection();
  const collectionId = current?.id;
  const state = useAsync<DashboardData>(
    async (signal) => {
      const [stats, head, awaiting] = await Promise.all([
        api.stats({ collectionId }, signal),
        api.claims.list({ collectionId, review: 'accepted', limit: 1 }, signal),
        api.incidents.list({ collectionId, review: 'proposed', limit: 10 }, signal),
      ]);
      // Claims are listed oldest first: the latest are on the last page.
      const latest = head.total === 0 ? [] : (await api.claims.list({ collectionId, review: 'accepted', limit: LATEST, offset: Math.max(0, head.total - LATEST) }, signal)).items.reverse();
      return { stats, latest, awaiting };
    },
    [collectionId],
  );
  const data = state.data;

  // By place: regions where known, else the country.
  const byPlace = new Map<string, Map<string, { low: number; high: number | null }>>();
  const byCountry = new Map<string, number>();
  for (const c of data?.stats.cells ?? []) {
    const key = c.regionCode ?? c.countryCode ?? '';
    const row = byPlace.get(key) ?? new Map<string, { low: number; high: number | null }>();
    const prev = row.get(c.actType) ?? { low: 0, high: 0 };
    row.set(c.actType, { low: prev.low + c.low, high: prev.high === null || c.high === null ? null : prev.high + c.high });
    byPlace.set(key, row);
    if (c.countryCode) byCountry.set(c.countryCode, (byCountry.get(c.countryCode) ?? 0) + c.low);
  }
  const placeCodes = [...byPlace.keys()].filter(Boolean);
  const places = usePlaceNames([...placeCodes, ...byCountry.keys()]);
  const nameOf = (code: string): string => {
    if (!code) return t('dashboard.unknownPlace');
    const p = places.get(code.toUpperCase());
    return p ? placeName(p, lang) : code;
  };
  const series = seriesOf(data?.stats.cells ?? []);

  return (
    <>
      <PageTitle>{t('dashboard.title')}</PageTitle>
      {current && <p className="muted">{t('dashboard.collection', { name: current.name })}</p>}
      {state.error !== undefined && <ErrorNotice error={state.error} onRetry={state.reload} />}
      {!data && state.loading && <Loading />}
      {data && (
        <div className="dashboard">
          <section aria-labelledby="totals-title" className="card">
            <h2 id="totals-title">{t('dashboard.totals')}</h2>
            {data.stats.totals.length === 0 ? (
              <p className="muted">{t('dashboard.noData')}</p>
            ) : (
              <table className="table" data-testid="totals">
                <thead>
                  <tr>
                    <th scope="col">{v.name('act_type')}</th>
                    <th scope="col">{t('dashboard.victims')}</th>
                    <th scope="col">{t('dashboard.acts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.stats.totals]
                    .sort((a, b) => b.low - a.low)
                    .map((row) => (
                      <tr key={row.actType} data-act-type={row.actType}>
                        <th scope="row">{v.label('act_type', row.actType)}</th>
                        <td className="num">
                          <Bound low={row.low} high={row.high} />
                        </td>
                        <td className="num">{f.number(row.acts)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby="awaiting-title" className="card">
            <h2 id="awaiting-title">
              {t('dashboard.awaiting')} <span className="muted">({f.number(data.awaiting.total)})</span>
            </h2>
            {data.awaiting.items.length === 0 ? (
              <p className="muted">{t('dashboard.nothingAwaiting')}</p>
            ) : (
              <ul className="plain-list">
                {data.awaiting.items.map((i) => (
                  <li key={i.id}>
                    <Link to={`/incidents/${i.id}`}>{i.title}</Link> <span className="muted">· {f.fuzzyDate(i.date)}</span>
                  </li>
                ))}
              </ul>
            )}
            {data.awaiting.total > data.awaiting.items.length && <Link to="/incidents?review=proposed">{t('dashboard.seeAll')}</Link>}
          </section>
          <section aria-labelledby="chart-title" className="card wide">
            <h2 id="chart-title">{t('dashboard.overTime')}</h2>
            <TimeChart series={series} titleId="chart-title" />
          </section>

          <section aria-labelledby="places-title" className="card wide">
            <h2 id="places-title">{t('dashboard.byPlace')}</h2>
            {byPlace.size === 0 ? (
              <p className="muted">{t('dashboard.noData')}</p>
            ) : (
              <div className="by-place">
                <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="places-title">
                  <table className="table" data-testid="by-place">
                    <thead>
                      <tr>
                        <th scope="col">{t('fields.place')}</th>
                        <th scope="col">{v.name('act_type')}</th>
                        <th scope="col">{t('dashboard.victims')}</th>
                      </tr>
                    </thead>
                    {[...byPlace.entries()]
                      .sort((a, b) => nameOf(a[0]).localeCompare(nameOf(b[0]), lang))
                      .map(([code, row]) => {
                        const types = [...row.entries()].sort((a, b) => b[1].low - a[1].low);
                        return (
                          <tbody key={code}>
                            {types.map(([type, bounds], i) => (
                              <tr key={type}>
                                {i === 0 && (
                                  <th scope="rowgroup" rowSpan={types.length}>
                                    {nameOf(code)}
                                  </th>
                                )}
                                <td>{v.label('act_type', type)}</td>
                                <td className="num">
                                  <Bound low={bounds.low} high={bounds.high} />
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        );
                      })}
                  </table>
                </div>
                <h3 id="map-title" className="visually-hidden">
                  {t('dashboard.mapTitle')}
                </h3>
                <Suspense fallback={<Loading />}>
                  <WorldMap byCountry={byCountry} names={new Map([...byCountry.keys()].map((c) => [c, nameOf(c)]))} labelledBy="map-title" />
                </Suspense>
              </div>
            )}
          </section>

          <section aria-labelledby="latest-title" className="card wide">
            <h2 id="latest-title">{t('dashboard.latestClaims')}</h2>
            {data.latest.length === 0 ? (
              <p className="muted">{t('dashboard.noClaims')}</p>
            ) : (
              <ul className="plain-list">
                {data.latest.map((c) => (
                  <li key={c.id}>
                    <span className={`badge stance-badge stance-${c.stance}`}>{v.label('stance', c.stance)}</span>{' '}
                    {c.incidentId ? <Link to={`/incidents/${c.incidentId}`}>{c.about}</Link> : c.about} <span className="muted">· {f.dateTime(c.createdAt)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

        </div>
      )}
    </>
  );
}
