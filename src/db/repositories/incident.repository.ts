import type { Incident } from '../../core/incident.js';
import type { IncidentRepository } from '../../core/ports.js';
import { actFromRow, actToRow, incidentFromRow, incidentToRow } from '../mappers.js';
import type { ActTable, IncidentTable, InvolvementTable } from '../tables.js';
import { byIdChunks, insertRows, paged, type Db } from './shared.js';
import { ACT_STATS_COLUMNS, applyCellDeltas, cellDeltas } from './stats.repository.js';
import { refreshDocFacets } from './search.repository.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';

export function incidentRepository(db: Db, caps: DialectCapabilities): IncidentRepository {
  async function withActs(rows: IncidentTable[]): Promise<Incident[]> {
    if (rows.length === 0) return [];
    const acts = await db
      .selectFrom('act')
      .selectAll()
      .where('incident_id', 'in', rows.map((r) => r.id))
      .orderBy('incident_id')
      .orderBy('position')
      .execute();
    const byIncident = new Map<string, typeof acts>();
    for (const a of acts) {
      const list = byIncident.get(a.incident_id) ?? [];
      list.push(a);
      byIncident.set(a.incident_id, list);
    }
    return rows.map((r) => incidentFromRow(r, (byIncident.get(r.id) ?? []).map(actFromRow)));
  }

  return {
    async save(incident, placement, actPlacements) {
      const row = incidentToRow(incident, placement);
      // What the acts counted in statistics before, to move the cells by the difference.
      const before = await db.selectFrom('act').select(ACT_STATS_COLUMNS).where('incident_id', '=', incident.id).execute();
      const after: ActTable[] = [];
      const exists = await db.selectFrom('incident').select('id').where('id', '=', incident.id).executeTakeFirst();
      if (exists) {
        const { id, ...rest } = row;
        await db.updateTable('incident').set(rest).where('id', '=', id).execute();
      } else {
        await db.insertInto('incident').values(row).execute();
      }
      const keep = incident.acts.map((a) => a.id);
      const stale = db.selectFrom('act').select('id').where('incident_id', '=', incident.id);
      await db.deleteFrom('involvement').where('act_id', 'in', stale).execute();
      let del = db.deleteFrom('act').where('incident_id', '=', incident.id);
      if (keep.length > 0) del = del.where('id', 'not in', keep);
      await del.execute();
      for (const [position, act] of incident.acts.entries()) {
        const actRow = actToRow(act, incident, position, actPlacements[act.id] ?? placement);
        after.push(actRow);
        const { id, ...rest } = actRow;
        const updated = await db.updateTable('act').set(rest).where('id', '=', id).executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) await db.insertInto('act').values(actRow).execute();
        if (act.involvements.length > 0)
          await db
            .insertInto('involvement')
            .values(act.involvements.map((inv, i) => ({ act_id: act.id, actor_id: inv.actorId, degree: inv.degree, position: i })))
            .execute();
      }
      await applyCellDeltas(db, cellDeltas(after, 1, cellDeltas(before, -1)));
      // Its search documents (its own and its claims') are filtered by what it now says.
      await refreshDocFacets(db, caps, { incidentId: incident.id });
    },
    async insertMany(entries) {
      const incidents: IncidentTable[] = [];
      const acts: ActTable[] = [];
      const involvements: InvolvementTable[] = [];
      for (const { incident, placement, actPlacements } of entries) {
        incidents.push(incidentToRow(incident, placement));
        for (const [position, act] of incident.acts.entries()) {
          acts.push(actToRow(act, incident, position, actPlacements[act.id] ?? placement));
          for (const [i, inv] of act.involvements.entries()) involvements.push({ act_id: act.id, actor_id: inv.actorId, degree: inv.degree, position: i });
        }
      }
      await insertRows(db, 'incident', incidents);
      await insertRows(db, 'act', acts);
      await insertRows(db, 'involvement', involvements);
      await applyCellDeltas(db, cellDeltas(acts, 1));
    },
    async get(id) {
      const r = await db.selectFrom('incident').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? (await withActs([r]))[0] : undefined;
    },
    async incidentIdOfAct(actId) {
      const r = await db.selectFrom('act').select('incident_id').where('id', '=', actId).executeTakeFirst();
      return r?.incident_id;
    },
    async delete(id) {
      const before = await db.selectFrom('act').select(ACT_STATS_COLUMNS).where('incident_id', '=', id).execute();
      await applyCellDeltas(db, cellDeltas(before, -1));
      await db.deleteFrom('involvement').where('act_id', 'in', db.selectFrom('act').select('id').where('incident_id', '=', id)).execute();
      await db.deleteFrom('act').where('incident_id', '=', id).execute();
      await db.deleteFrom('incident').where('id', '=', id).execute();
      await refreshDocFacets(db, caps, { incidentId: id });
    },
    async list(filter, page) {
      let q = db.selectFrom('incident');
      if (filter.collectionIds) q = q.where('collection_id', 'in', [...filter.collectionIds]);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.review) q = q.where('review', '=', filter.review);
      if (filter.actType) {
        const t = filter.actType;
        q = q.where('id', 'in', db.selectFrom('act').select('incident_id').where('type', '=', t));
      }
      const p = await paged(q, (b) => b.selectAll(), page, (r) => r, (b) => b.orderBy('created_at', 'desc').orderBy('id', 'desc'));
      return { ...p, items: await withActs(p.items) };
    },
    async *all(collectionIds) {
      for await (const batch of chunked(
        byIdChunks((after, limit) => {
          let q = db.selectFrom('incident').selectAll().where('id', '>', after);
          if (collectionIds) q = q.where('collection_id', 'in', [...collectionIds]);
          return q.orderBy('id').limit(limit).execute();
        }, 500),
        500,
      ))
        yield* await withActs(batch);
    },
    async idsByPlace(placeId) {
      const rows = await db
        .selectFrom('incident')
        .select('id')
        .where('place_id', '=', placeId)
        .union(db.selectFrom('act').select('incident_id as id').where('place_id', '=', placeId))
        .execute();
      return rows.map((r) => r.id);
    },
  };
}

async function* chunked<T>(it: AsyncIterable<T>, size: number): AsyncIterable<T[]> {
  let buf: T[] = [];
  for await (const x of it) {
    buf.push(x);
    if (buf.length === size) {
      yield buf;
      buf = [];
    }
  }
  if (buf.length > 0) yield buf;
}
