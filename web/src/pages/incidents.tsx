/**
 * Incidents: a search box with facets (act type, status, country/region, year, outlet), sort and
 * paging, all kept in the URL. Without words it lists the collection's incidents, newest first
 * (filters by act type and status); with words it searches incidents in English and Russian.
 * Keyboard: "/" jumps to the search box, ↓/↑ (or j/k) move through the results, Enter opens one.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { FacetName, Incident, Page, SearchResponse } from '../api/types.js';
import { ErrorNotice, Loading, PageTitle, ReviewBadge, StatusBadge } from '../components/ui.js';
import { placeName, useCollection, usePlace, useVocab } from '../data.js';
import { useFormat } from '../format.js';
import { useAsync, useDebounced } from '../hooks.js';
import { asLang } from '../i18n/index.js';
import { usePlaceNames } from '../places.js';
import { Link, navigate, useLocation, withQuery } from '../router.js';

export const PAGE_SIZE = 20;
const FACETS: readonly FacetName[] = ['actType', 'status', 'country', 'region', 'year', 'outlet'];
const LIST_FILTERS: readonly FacetName[] = ['actType', 'status'];

type Result = { mode: 'search'; search: SearchResponse } | { mode: 'list'; page: Page<Incident> };

function IncidentPlace({ id }: { id: string | null }) {
  const { i18n } = useTranslation();
  const place = usePlace(id);
  if (!id || !place) return null;
  return <span>{placeName(place, asLang(i18n.language))}</span>;
}

function ActsLine({ incident }: { incident: Incident }) {
  const v = useVocab();
  const f = useFormat();
  if (incident.acts.length === 0) return null;
  return (
    <ul className="inline-list acts-line">
      {incident.acts.map((a) => (
        <li key={a.id}>
          {v.label('act_type', a.type)}
          {a.reconciled.count && <>: {f.count(a.reconciled.count)}</>}
        </li>
      ))}
    </ul>
  );
}

export function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const loc = useLocation();
  const v = useVocab();
  const f = useFormat();
  const { current } = useCollection();
  const q = loc.search.get('q') ?? '';
  const page = Math.max(1, Number(loc.search.get('page') ?? '1') || 1);
  const sort = loc.search.get('sort') ?? 'default';
  /** `review=proposed`: only what awaits review (the dashboard links here). */
  const review = loc.search.get('review') === 'proposed' ? 'proposed' : '';
  const filters = Object.fromEntries(FACETS.map((k) => [k, loc.search.get(k) ?? ''])) as Record<FacetName, string>;

  // The box is edited freely; the URL (and the search) follow once typing stops.
  const [text, setText] = useState(q);
  const typed = useDebounced(text, 150);
  const pushed = useRef(q);
  useEffect(() => {
    // Back/forward or a link changed the query: show it. (Our own pushes are not echoed back,
    // so what is being typed is never overwritten.)
    if (q !== pushed.current) {
      pushed.current = q;
      setText(q);
    }
  }, [q]);
  useEffect(() => {
    if (typed.trim() !== q.trim()) {
      pushed.current = typed.trim();
      navigate(withQuery(loc, { q: typed.trim(), page: null }), { replace: true });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text drives this
  }, [typed]);

  const searchBox = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);

  const result = useAsync<Result>(
    async (signal) => {
      const offset = (page - 1) * PAGE_SIZE;
      if (q.trim()) {
        const search = await api.search(
          {
            q: q.trim(),
            kind: 'incident',
            ...Object.fromEntries(FACETS.filter((k) => filters[k]).map((k) => [k, filters[k]])),
            ...(current ? { collectionId: current.id } : {}),
            limit: PAGE_SIZE,
            offset,
          },
          signal,
        );
        return { mode: 'search', search };
      }
      const p = await api.incidents.list(
        { collectionId: current?.id, actType: filters.actType, status: filters.status, review: review || undefined, limit: PAGE_SIZE, offset },
        signal,
      );
      return { mode: 'list', page: p };
    },
    [q, page, current?.id, review, ...FACETS.map((k) => filters[k])],
  );

  const data = result.data;
  const total = data ? (data.mode === 'search' ? data.search.total : data.page.total) : 0;
  const exact = data?.mode === 'search' ? data.search.totalExact : true;
  const searching = q.trim() !== '';

  const codes = data?.mode === 'search' ? [...data.search.facets.country, ...data.search.facets.region].map((x) => x.value) : [];
  const placeNames = usePlaceNames(codes);

  const items = useMemo(() => {
    if (!data) return [];
    if (data.mode === 'search') {
      const hits = data.search.hits.map((h) => ({ id: h.incidentId ?? h.id, title: h.title, incident: undefined as Incident | undefined }));
      if (sort === 'title') hits.sort((a, b) => a.title.localeCompare(b.title, lang));
      return hits;
    }
    const rows = data.page.items.map((i) => ({ id: i.id, title: i.title, incident: i as Incident | undefined }));
    const start = (x: (typeof rows)[number]): string => x.incident?.date.start ?? '';
    if (sort === 'title') rows.sort((a, b) => a.title.localeCompare(b.title, lang));
    if (sort === 'date-desc') rows.sort((a, b) => start(b).localeCompare(start(a)));
    if (sort === 'date-asc') rows.sort((a, b) => start(a).localeCompare(start(b)));
    return rows;
  }, [data, sort, lang]);

  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const facetLabel = (facet: FacetName, value: string): string => {
    if (facet === 'actType') return v.label('act_type', value);
    if (facet === 'status') return v.label('verification_status', value);
    if (facet === 'country' || facet === 'region') {
      const p = placeNames.get(value.toUpperCase());
      return p ? placeName(p, lang) : value;
    }
    return value;
  };

  const facetOptions = (facet: FacetName): { value: string; label: string }[] => {
    if (data?.mode === 'search') {
      const values = data.search.facets[facet].map((x) => ({ value: x.value, label: `${facetLabel(facet, x.value)} (${f.number(x.count)})` }));
      if (filters[facet] && !values.some((x) => x.value === filters[facet])) values.unshift({ value: filters[facet], label: facetLabel(facet, filters[facet]) });
      return values;
    }
    const vocab = facet === 'actType' ? 'act_type' : 'verification_status';
    return v.terms(vocab).map((term) => ({ value: term.code, label: v.label(vocab, term.code) }));
  };

  const shownFacets = searching ? FACETS : LIST_FILTERS;

  // Keyboard navigation through the results.
  const links = (): HTMLAnchorElement[] => Array.from(list.current?.querySelectorAll<HTMLAnchorElement>('a.result-link') ?? []);
  const move = (delta: number | 'first' | 'last'): void => {
    const all = links();
    if (all.length === 0) return;
    const i = all.indexOf(document.activeElement as HTMLAnchorElement);
    const next = delta === 'first' ? 0 : delta === 'last' ? all.length - 1 : i < 0 ? 0 : Math.min(all.length - 1, Math.max(0, i + delta));
    all[next]?.focus();
  };
  const onListKey = (e: KeyboardEvent<HTMLOListElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'j') {
      e.preventDefault();
      move(1);
    } else if (e.key === 'ArrowUp' || e.key === 'k') {
      e.preventDefault();
      const all = links();
      if (all.indexOf(document.activeElement as HTMLAnchorElement) === 0) searchBox.current?.focus();
      else move(-1);
    } else if (e.key === 'Home') {
      e.preventDefault();
      move('first');
    } else if (e.key === 'End') {
      e.preventDefault();
      move('last');
    }
  };
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const target = e.target as HTMLElement;
      if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) && !target.isContentEditable) {
        e.preventDefault();
        searchBox.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(page * PAGE_SIZE, (page - 1) * PAGE_SIZE + items.length);

  return (
    <>
      <div className="page-head">
        <PageTitle>{t('incidents.title')}</PageTitle>
        <Link className="button" to="/incidents/new">
          {t('incidents.new')}
        </Link>
      </div>
      <form
        role="search"
        className="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          pushed.current = text.trim();
          navigate(withQuery(loc, { q: text.trim(), page: null }));
        }}
      >
        <label htmlFor="incident-search">{t('incidents.search')}</label>
        <div className="row">
          <input
            id="incident-search"
            ref={searchBox}
            type="search"
            value={text}
            placeholder={t('incidents.searchPlaceholder')}
            aria-describedby="incident-search-hint"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                move('first');
              }
            }}
          />
          <button type="submit">{t('incidents.searchButton')}</button>
        </div>
        <p className="hint" id="incident-search-hint">
          {t('incidents.keyboardHint')}
        </p>
      </form>

      <div className="results-layout">
        <section className="facets" aria-labelledby="facets-title">
          <h2 id="facets-title">{t('incidents.filters')}</h2>
          {shownFacets.map((facet) => (
            <div className="field" key={facet}>
              <label htmlFor={`facet-${facet}`}>{t(`facets.${facet}`)}</label>
              <select id={`facet-${facet}`} value={filters[facet]} onChange={(e) => navigate(withQuery(loc, { [facet]: e.target.value, page: null }))}>
                <option value="">{t('facets.any')}</option>
                {facetOptions(facet).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
          {!searching && (
            <div className="field checkbox">
              <input id="only-proposed" type="checkbox" checked={review === 'proposed'} onChange={(e) => navigate(withQuery(loc, { review: e.target.checked ? 'proposed' : null, page: null }))} />
              <label htmlFor="only-proposed">{t('incidents.onlyProposed')}</label>
            </div>
          )}
          {!searching && <p className="hint">{t('incidents.moreFiltersHint')}</p>}
          <div className="field">
            <label htmlFor="sort">{t('incidents.sort')}</label>
            <select id="sort" value={sort} onChange={(e) => navigate(withQuery(loc, { sort: e.target.value === 'default' ? null : e.target.value }))}>
              <option value="default">{searching ? t('incidents.sortRelevance') : t('incidents.sortRecent')}</option>
              <option value="title">{t('incidents.sortTitle')}</option>
              {!searching && <option value="date-desc">{t('incidents.sortDateDesc')}</option>}
              {!searching && <option value="date-asc">{t('incidents.sortDateAsc')}</option>}
            </select>
          </div>
        </section>

        <section className="results" aria-labelledby="results-title">
          <h2 id="results-title" className="visually-hidden">
            {t('incidents.results')}
          </h2>
          <p role="status" aria-live="polite" className="result-count">
            {data && !result.loading
              ? total === 0
                ? t('incidents.none')
                : t(exact ? 'incidents.showing' : 'incidents.showingAtLeast', { from: f.number(from), to: f.number(to), total: f.number(total) })
              : ''}
          </p>
          {result.error !== undefined && <ErrorNotice error={result.error} onRetry={result.reload} />}
          {!data && result.loading && <Loading />}
          {items.length > 0 && (
            <ol className="result-list" ref={list} onKeyDown={onListKey} aria-busy={result.loading}>
              {items.map((it) => (
                <li key={it.id} className="result">
                  <Link className="result-link" to={`/incidents/${it.id}`}>
                    {it.title}
                  </Link>
                  {it.incident && (
                    <div className="result-meta">
                      <StatusBadge status={it.incident.status} /> <ReviewBadge review={it.incident.review} />{' '}
                      <span>{f.fuzzyDate(it.incident.date)}</span> <IncidentPlace id={it.incident.placeId} />
                      <ActsLine incident={it.incident} />
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
          {pages > 1 && (
            <nav className="pager" aria-label={t('incidents.pages')}>
              {page > 1 ? <Link to={withQuery(loc, { page: page - 1 === 1 ? null : page - 1 })}>{t('incidents.previous')}</Link> : <span />}
              <span>{t('incidents.pageOf', { page: f.number(page), pages: f.number(pages) })}</span>
              {page < pages ? <Link to={withQuery(loc, { page: page + 1 })}>{t('incidents.next')}</Link> : <span />}
            </nav>
          )}
        </section>
      </div>
    </>
  );
}
