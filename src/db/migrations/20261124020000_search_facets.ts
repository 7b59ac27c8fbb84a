import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { actTypesOf, indexBody, NO_FACETS, type DocFacets } from '../search/facets.js';
import type { Database } from '../tables.js';
import type { VigilMigration } from './index.js';

const FACETS = ['status', 'country_code', 'region_code', 'date_start', 'date_end', 'outlet', 'act_types'] as const;

interface Tables {
  search_doc: { doc_id: number; kind: string; collection_id: string; incident_id: string | null; source_id: string | null; terms: string } & DocFacets;
  incident: { id: string; status: string; country_code: string | null; region_code: string | null; date_start: string | null; date_end: string | null };
  act: { incident_id: string; type: string };
  source: { id: string; outlet: string | null };
}

/**
 * Search at scale (docs/benchmarks.md): each search document carries the facets it is filtered
 * by (from its incident and source) as columns and as tokens in its index entry, and keeps its
 * indexed terms, so that the entry can be rewritten when an incident or source changes. Existing
 * documents get their terms back from the index itself.
 */
export const searchFacets: VigilMigration = (caps: DialectCapabilities) => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('search_doc').addColumn('terms', 'text', (c) => c.notNull().defaultTo('')).execute();
    for (const col of FACETS) await db.schema.alterTable('search_doc').addColumn(col, 'text').execute();
    await db.schema.createIndex('search_doc_source').on('search_doc').column('source_id').execute();

    const t = db as Kysely<Tables>;
    const terms = await caps.indexedTerms(db);
    const docs = await t.selectFrom('search_doc').select(['doc_id', 'kind', 'collection_id', 'incident_id', 'source_id']).orderBy('doc_id').execute();
    for (let i = 0; i < docs.length; i += 500) {
      const chunk = docs.slice(i, i + 500);
      const incidentIds = [...new Set(chunk.map((d) => d.incident_id).filter((x): x is string => x !== null))];
      const sourceIds = [...new Set(chunk.map((d) => d.source_id).filter((x): x is string => x !== null))];
      const incidents = new Map(
        incidentIds.length === 0
          ? []
          : (await t.selectFrom('incident').select(['id', 'status', 'country_code', 'region_code', 'date_start', 'date_end']).where('id', 'in', incidentIds).execute()).map((r) => [r.id, r]),
      );
      const types = new Map<string, string[]>();
      if (incidentIds.length > 0)
        for (const a of await t.selectFrom('act').select(['incident_id', 'type']).where('incident_id', 'in', incidentIds).execute())
          types.set(a.incident_id, [...(types.get(a.incident_id) ?? []), a.type]);
      const outlets = new Map(
        sourceIds.length === 0 ? [] : (await t.selectFrom('source').select(['id', 'outlet']).where('id', 'in', sourceIds).execute()).map((r) => [r.id, r.outlet]),
      );
      for (const d of chunk) {
        const inc = d.incident_id === null ? undefined : incidents.get(d.incident_id);
        const f: DocFacets = inc
          ? {
              status: inc.status,
              country_code: inc.country_code,
              region_code: inc.region_code,
              date_start: inc.date_start,
              date_end: inc.date_end,
              outlet: d.source_id === null ? null : (outlets.get(d.source_id) ?? null),
              act_types: actTypesOf(types.get(inc.id) ?? []),
            }
          : { ...NO_FACETS, outlet: d.source_id === null ? null : (outlets.get(d.source_id) ?? null) };
        const docTerms = terms.get(Number(d.doc_id)) ?? '';
        await t.updateTable('search_doc').set({ terms: docTerms, ...f }).where('doc_id', '=', d.doc_id).execute();
        await caps.writeSearchText(db as unknown as Kysely<Database>, Number(d.doc_id), indexBody(docTerms, d, f));
      }
    }
  },
  async down(db: Kysely<unknown>) {
    const t = db as Kysely<Tables>;
    for (const d of await t.selectFrom('search_doc').select(['doc_id', 'terms']).execute()) await caps.writeSearchText(db as unknown as Kysely<Database>, Number(d.doc_id), d.terms);
    await db.schema.dropIndex('search_doc_source').ifExists().execute();
    for (const col of [...FACETS, 'terms']) await db.schema.alterTable('search_doc').dropColumn(col).execute();
  },
});
