import type { Expression, Kysely, SqlBool } from 'kysely';
import type { FacetValue, SearchDocument, SearchIndex, SearchQuery, SearchResult } from '../../core/ports.js';
import type { DialectCapabilities, NewSearchDoc } from '../dialects/capabilities.js';
import { actTypesOf, FACET_COLUMNS, facetsEqual, filterTokens, indexBody, NO_FACETS, type DocFacets } from '../search/facets.js';
import { indexText, queryTerms } from '../search/text.js';
import type { Database } from '../tables.js';
import type { Db } from './shared.js';

/**
 * Matches up to this many are counted, ranked and faceted exactly; beyond it, the first this
 * many in the index's own order (SearchResult.totalExact). Bounds the work of a query whatever
 * the words: a common one matches hundreds of thousands of documents in a large collection,
 * and each match read costs a page read or two.
 */
export const SEARCH_EXACT_CAP = 250;

const EMPTY: SearchResult = { total: 0, totalExact: true, hits: [], facets: { actType: [], status: [], country: [], region: [], year: [], outlet: [] } };

/** search_doc's columns beyond tables.ts: the indexed terms and the facets (migration 20261124020000). */
type FacetedDoc = DocFacets & { terms: string };
type SearchDb = Kysely<Database & { search_doc: FacetedDoc }>;
const faceted = (db: Db): SearchDb => db.withTables<{ search_doc: FacetedDoc }>();

type DocRef = Pick<SearchDocument, 'incidentId' | 'sourceId'>;

/** The facets of documents, from their incidents (status, place, date, act types) and sources (outlet). */
export async function loadFacets(db: Db, refs: readonly DocRef[]): Promise<DocFacets[]> {
  const incidentIds = [...new Set(refs.map((r) => r.incidentId).filter((x): x is string => x !== null))];
  const sourceIds = [...new Set(refs.map((r) => r.sourceId).filter((x): x is string => x !== null))];
  const incidents = new Map<string, { status: string; country_code: string | null; region_code: string | null; date_start: string | null; date_end: string | null }>();
  const types = new Map<string, string[]>();
  const outlets = new Map<string, string | null>();
  for (let i = 0; i < incidentIds.length; i += 500) {
    const chunk = incidentIds.slice(i, i + 500);
    for (const r of await db.selectFrom('incident').select(['id', 'status', 'country_code', 'region_code', 'date_start', 'date_end']).where('id', 'in', chunk).execute())
      incidents.set(r.id, r);
    for (const a of await db.selectFrom('act').select(['incident_id', 'type']).where('incident_id', 'in', chunk).execute())
      types.set(a.incident_id, [...(types.get(a.incident_id) ?? []), a.type]);
  }
  for (let i = 0; i < sourceIds.length; i += 500)
    for (const r of await db.selectFrom('source').select(['id', 'outlet']).where('id', 'in', sourceIds.slice(i, i + 500)).execute()) outlets.set(r.id, r.outlet);
  return refs.map((r) => {
    const inc = r.incidentId === null ? undefined : incidents.get(r.incidentId);
    return {
      status: inc?.status ?? null,
      country_code: inc?.country_code ?? null,
      region_code: inc?.region_code ?? null,
      date_start: inc?.date_start ?? null,
      date_end: inc?.date_end ?? null,
      outlet: r.sourceId === null ? null : (outlets.get(r.sourceId) ?? null),
      act_types: inc && r.incidentId !== null ? actTypesOf(types.get(r.incidentId) ?? []) : null,
    };
  });
}

/**
 * Brings the facets of the documents of an incident or a source up to date after it changed
 * (status, place, dates, acts, outlet), rewriting the index entries of those that moved.
 */
export async function refreshDocFacets(db: Db, caps: DialectCapabilities, of: { incidentId: string } | { sourceId: string }): Promise<void> {
  const base = faceted(db).selectFrom('search_doc').select(['doc_id', 'kind', 'collection_id', 'incident_id', 'source_id', 'terms', ...FACET_COLUMNS]);
  const docs = await ('incidentId' in of ? base.where('incident_id', '=', of.incidentId) : base.where('source_id', '=', of.sourceId)).execute();
  if (docs.length === 0) return;
  const facets = await loadFacets(
    db,
    docs.map((d) => ({ incidentId: d.incident_id, sourceId: d.source_id })),
  );
  for (const [i, d] of docs.entries()) {
    const f = facets[i]!;
    if (facetsEqual(d, f)) continue;
    await faceted(db).updateTable('search_doc').set(f).where('doc_id', '=', d.doc_id).execute();
    await caps.writeSearchText(db, Number(d.doc_id), indexBody(d.terms, d, f));
  }
}

function newDoc(doc: SearchDocument, f: DocFacets): NewSearchDoc {
  const terms = indexText(doc.body);
  const row = {
    kind: doc.kind,
    entity_id: doc.entityId,
    collection_id: doc.collectionId,
    incident_id: doc.incidentId,
    source_id: doc.sourceId,
    title: doc.title.slice(0, 500),
    terms,
    ...f,
  };
  return { row, body: indexBody(terms, row, f) };
}

export function searchIndex(db: Db, caps: DialectCapabilities): SearchIndex {
  const index: SearchIndex = {
    async upsert(doc) {
      const [f = NO_FACETS] = await loadFacets(db, [doc]);
      const { row, body } = newDoc(doc, f);
      const existing = await db.selectFrom('search_doc').select('doc_id').where('entity_id', '=', doc.entityId).executeTakeFirst();
      if (!existing) return caps.insertSearchDocs(db, [{ row, body }]);
      await faceted(db).updateTable('search_doc').set(row).where('doc_id', '=', existing.doc_id).execute();
      await caps.writeSearchText(db, Number(existing.doc_id), body);
    },
    async upsertMany(docs) {
      // As one upsert per document in order: a document given twice is stored where it first came, with its last text.
      const byEntity = new Map<string, SearchDocument>();
      for (const d of docs) byEntity.set(d.entityId, d);
      const all = [...byEntity.values()];
      const stored = new Set<string>();
      for (let i = 0; i < all.length; i += 1000) {
        const ids = all.slice(i, i + 1000).map((d) => d.entityId);
        for (const r of await db.selectFrom('search_doc').select('entity_id').where('entity_id', 'in', ids).execute()) stored.add(r.entity_id);
      }
      for (const d of all) if (stored.has(d.entityId)) await index.upsert(d);
      const fresh = all.filter((d) => !stored.has(d.entityId));
      const facets = await loadFacets(db, fresh);
      await caps.insertSearchDocs(
        db,
        fresh.map((d, i) => newDoc(d, facets[i]!)),
      );
    },
    async remove(entityId) {
      const existing = await db.selectFrom('search_doc').select('doc_id').where('entity_id', '=', entityId).executeTakeFirst();
      if (!existing) return;
      await caps.deleteSearchText(db, [Number(existing.doc_id)]);
      await db.deleteFrom('search_doc').where('doc_id', '=', existing.doc_id).execute();
    },
    async search(q: SearchQuery): Promise<SearchResult> {
      const terms = queryTerms(q.text);
      const groups = filterTokens(q);
      if (terms.length === 0 || groups.some((g) => g.length === 0)) return EMPTY;
      const match = { terms, groups };
      // One query fetches the matches with everything the hits and the facets need, up to the
      // cap, in the index's own order: a common word's hundred thousand matches are never all
      // read, nor sorted. The filters are in the match (facet tokens); the conditions below only
      // make them exact.
      const window = Math.max(SEARCH_EXACT_CAP, q.offset + q.limit);
      const rank = await caps.rankable(db, match);
      await caps.beforeSearch(db);
      const rows = await faceted(db)
        .selectFrom(caps.matchedDocs(match, rank).as('d'))
        .where((eb) => {
          const conds: Expression<SqlBool>[] = [];
          if (q.collectionIds) conds.push(eb('d.collection_id', 'in', [...q.collectionIds]));
          if (q.kinds) conds.push(eb('d.kind', 'in', [...q.kinds]));
          if (q.status) conds.push(eb('d.status', '=', q.status));
          if (q.countryCode) conds.push(eb('d.country_code', '=', q.countryCode));
          if (q.regionCode) conds.push(eb('d.region_code', '=', q.regionCode));
          if (q.outlet) conds.push(eb('d.outlet', '=', q.outlet));
          if (q.year !== undefined) {
            const y = String(q.year);
            conds.push(eb.and([eb('d.date_start', '<=', `${y}-12-31`), eb('d.date_end', '>=', `${y}-01-01`)]));
          }
          return eb.and(conds);
        })
        .select(['d.doc_id', 'd.kind', 'd.entity_id', 'd.incident_id', 'd.source_id', 'd.title', 'd.score', ...FACET_COLUMNS.map((c) => `d.${c}` as const)])
        .limit(window + 1)
        .execute();
      if (rows.length === 0) return EMPTY;
      const totalExact = rows.length <= window;
      const matches = totalExact ? rows : rows.slice(0, window);

      const facet = (valuesOf: (r: (typeof matches)[number]) => Iterable<string>): FacetValue[] => {
        const counts = new Map<string, number>();
        for (const r of matches) for (const v of valuesOf(r)) counts.set(v, (counts.get(v) ?? 0) + 1);
        return sortFacet([...counts].map(([value, count]) => ({ value, count })));
      };
      const one = (v: string | null): string[] => (v === null ? [] : [v]);
      // Best score first; equal scores (or none) newest first.
      const ranked = [...matches].sort((a, b) => Number(b.score) - Number(a.score) || Number(b.doc_id) - Number(a.doc_id));
      return {
        total: matches.length,
        totalExact,
        hits: ranked.slice(q.offset, q.offset + q.limit).map((r) => ({
          kind: r.kind as SearchResult['hits'][number]['kind'],
          id: r.entity_id,
          incidentId: r.incident_id,
          sourceId: r.source_id,
          title: r.title,
          rank: Number(r.score),
        })),
        facets: {
          actType: facet((r) => r.act_types?.split(' ') ?? []),
          status: facet((r) => one(r.status)),
          country: facet((r) => one(r.country_code)),
          region: facet((r) => one(r.region_code)),
          // The year of an incident is the year its date starts in.
          year: facet((r) => (r.date_start === null ? [] : [r.date_start.slice(0, 4)])),
          outlet: facet((r) => one(r.outlet)),
        },
      };
    },
  };
  return index;
}

function sortFacet(v: FacetValue[]): FacetValue[] {
  return v.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
