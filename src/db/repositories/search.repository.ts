import { sql, type Expression, type SqlBool } from 'kysely';
import type { FacetValue, SearchIndex, SearchQuery, SearchResult } from '../../core/ports.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { indexText, queryTerms } from '../search/text.js';
import type { Db } from './shared.js';

const EMPTY: SearchResult = { total: 0, hits: [], facets: { actType: [], status: [], country: [], region: [], year: [], outlet: [] } };

export function searchIndex(db: Db, caps: DialectCapabilities): SearchIndex {
  return {
    async upsert(doc) {
      const row = {
        kind: doc.kind,
        entity_id: doc.entityId,
        collection_id: doc.collectionId,
        incident_id: doc.incidentId,
        source_id: doc.sourceId,
        title: doc.title.slice(0, 500),
      };
      const existing = await db.selectFrom('search_doc').select('doc_id').where('entity_id', '=', doc.entityId).executeTakeFirst();
      let docId: number;
      if (existing) {
        docId = Number(existing.doc_id);
        await db.updateTable('search_doc').set(row).where('doc_id', '=', docId).execute();
      } else {
        const ins = await db.insertInto('search_doc').values(row).returning('doc_id').executeTakeFirstOrThrow();
        docId = Number(ins.doc_id);
      }
      await caps.writeSearchText(db, docId, indexText(doc.body));
    },
    async remove(entityId) {
      const existing = await db.selectFrom('search_doc').select('doc_id').where('entity_id', '=', entityId).executeTakeFirst();
      if (!existing) return;
      await caps.deleteSearchText(db, [Number(existing.doc_id)]);
      await db.deleteFrom('search_doc').where('doc_id', '=', existing.doc_id).execute();
    },
    async search(q: SearchQuery): Promise<SearchResult> {
      const terms = queryTerms(q.text);
      if (terms.length === 0) return EMPTY;
      const base = db
        .selectFrom(caps.matchTable(terms).as('m'))
        .innerJoin('search_doc as d', 'd.doc_id', 'm.doc_id')
        .leftJoin('incident as i', 'i.id', 'd.incident_id')
        .leftJoin('source as s', 's.id', 'd.source_id');
      const filtered = base.where((eb) => {
        const conds: Expression<SqlBool>[] = [];
        if (q.collectionIds) conds.push(eb('d.collection_id', 'in', [...q.collectionIds]));
        if (q.kinds) conds.push(eb('d.kind', 'in', [...q.kinds]));
        if (q.status) conds.push(eb('i.status', '=', q.status));
        if (q.countryCode) conds.push(eb('i.country_code', '=', q.countryCode));
        if (q.regionCode) conds.push(eb('i.region_code', '=', q.regionCode));
        if (q.outlet) conds.push(eb('s.outlet', '=', q.outlet));
        if (q.year !== undefined) {
          const y = String(q.year);
          conds.push(eb.and([eb('i.date_start', '<=', `${y}-12-31`), eb('i.date_end', '>=', `${y}-01-01`)]));
        }
        if (q.actType) {
          const t = q.actType;
          conds.push(eb('d.incident_id', 'in', eb.selectFrom('act').select('act.incident_id').where('act.type', '=', t)));
        }
        return eb.and(conds);
      });

      const totalRow = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      const total = Number(totalRow?.n ?? 0);
      if (total === 0) return EMPTY;
      const rows = await filtered
        .select(['d.kind', 'd.entity_id', 'd.incident_id', 'd.source_id', 'd.title', 'm.score'])
        .orderBy('m.score', 'desc')
        .orderBy('d.entity_id')
        .limit(q.limit)
        .offset(q.offset)
        .execute();

      const facet = async (col: 'i.status' | 'i.country_code' | 'i.region_code' | 's.outlet'): Promise<FacetValue[]> => {
        const r = await filtered
          .select([sql<string>`${sql.ref(col)}`.as('value'), (eb) => eb.fn.count<number>('d.doc_id').distinct().as('n')])
          .where(col, 'is not', null)
          .groupBy(col)
          .execute();
        return sortFacet(r.map((x) => ({ value: String(x.value), count: Number(x.n) })));
      };
      const actType = sortFacet(
        (
          await filtered
            .innerJoin('act as a', 'a.incident_id', 'd.incident_id')
            .select(['a.type as value', (eb) => eb.fn.count<number>('d.doc_id').distinct().as('n')])
            .groupBy('a.type')
            .execute()
        ).map((x) => ({ value: String(x.value), count: Number(x.n) })),
      );
      // The year of an incident is the year its date starts in.
      const yearExpr = sql<string>`substr(i.date_start, 1, 4)`;
      const year = sortFacet(
        (
          await filtered
            .select([yearExpr.as('value'), (eb) => eb.fn.count<number>('d.doc_id').distinct().as('n')])
            .where('i.date_start', 'is not', null)
            .groupBy(yearExpr)
            .execute()
        ).map((x) => ({ value: String(x.value), count: Number(x.n) })),
      );
      return {
        total,
        hits: rows.map((r) => ({
          kind: r.kind as SearchResult['hits'][number]['kind'],
          id: r.entity_id,
          incidentId: r.incident_id,
          sourceId: r.source_id,
          title: r.title,
          rank: Number(r.score),
        })),
        facets: {
          actType,
          status: await facet('i.status'),
          country: await facet('i.country_code'),
          region: await facet('i.region_code'),
          year,
          outlet: await facet('s.outlet'),
        },
      };
    },
  };
}

function sortFacet(v: FacetValue[]): FacetValue[] {
  return v.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
