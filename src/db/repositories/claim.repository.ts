import type { ClaimRepository } from '../../core/ports.js';
import { claimFromRow, claimToRow } from '../mappers.js';
import { mapAsync } from './actor.repository.js';
import { byIdChunks, insertRows, paged, type Db } from './shared.js';

export function claimRepository(db: Db): ClaimRepository {
  return {
    async insert(c) {
      await db.insertInto('claim').values(claimToRow(c)).execute();
    },
    async insertMany(claims) {
      await insertRows(db, 'claim', claims.map(claimToRow));
    },
    async get(id) {
      const r = await db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirst();
      return r && claimFromRow(r);
    },
    async update(c) {
      const { id, ...rest } = claimToRow(c);
      await db.updateTable('claim').set(rest).where('id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('claim').where('id', '=', id).execute();
    },
    async list(filter, page) {
      let q = db.selectFrom('claim');
      if (filter.collectionIds) q = q.where('collection_id', 'in', [...filter.collectionIds]);
      if (filter.incidentId) q = q.where('incident_id', '=', filter.incidentId);
      if (filter.sourceId) q = q.where('source_id', '=', filter.sourceId);
      if (filter.speakerId) q = q.where('speaker_id', '=', filter.speakerId);
      if (filter.stance) q = q.where('stance', '=', filter.stance);
      if (filter.review) q = q.where('review', '=', filter.review);
      return paged(q, (b) => b.selectAll(), page, claimFromRow, (b) => b.orderBy('created_at').orderBy('id'));
    },
    async forIncident(incidentId) {
      const rows = await db.selectFrom('claim').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').orderBy('id').execute();
      return rows.map(claimFromRow);
    },
    all(collectionIds) {
      return mapAsync(
        byIdChunks((after, limit) => {
          let q = db.selectFrom('claim').selectAll().where('id', '>', after);
          if (collectionIds) q = q.where('collection_id', 'in', [...collectionIds]);
          return q.orderBy('id').limit(limit).execute();
        }),
        claimFromRow,
      );
    },
    async incidentIdsBy(ref) {
      let q = db.selectFrom('claim').select('incident_id').distinct().where('incident_id', 'is not', null);
      if (ref.sourceId) q = q.where('source_id', '=', ref.sourceId);
      if (ref.actorId) {
        const a = ref.actorId;
        q = q.where((eb) => eb.or([eb('speaker_id', '=', a), eb('relay_id', '=', a), eb('perpetrator_id', '=', a)]));
      }
      return (await q.execute()).map((r) => r.incident_id).filter((x): x is string => x !== null);
    },
  };
}
