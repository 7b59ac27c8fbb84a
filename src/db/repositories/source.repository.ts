import type { SourceRepository } from '../../core/ports.js';
import { sourceFromRow, sourceToRow } from '../mappers.js';
import { mapAsync } from './actor.repository.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { refreshDocFacets } from './search.repository.js';
import { byIdChunks, paged, type Db } from './shared.js';

export function sourceRepository(db: Db, caps: DialectCapabilities): SourceRepository {
  return {
    async insert(s) {
      await db.insertInto('source').values(sourceToRow(s)).execute();
    },
    async get(id) {
      const r = await db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirst();
      return r && sourceFromRow(r);
    },
    async findByContentHash(collectionId, hash) {
      const r = await db.selectFrom('source').selectAll().where('collection_id', '=', collectionId).where('content_hash', '=', hash).orderBy('created_at').executeTakeFirst();
      return r && sourceFromRow(r);
    },
    async update(s) {
      const { id, ...rest } = sourceToRow(s);
      await db.updateTable('source').set(rest).where('id', '=', id).execute();
      // Its documents and its claims' are filtered by its outlet.
      await refreshDocFacets(db, caps, { sourceId: id });
    },
    async delete(id) {
      await db.deleteFrom('source').where('id', '=', id).execute();
    },
    async list(filter, page) {
      let q = db.selectFrom('source');
      if (filter.collectionIds) q = q.where('collection_id', 'in', [...filter.collectionIds]);
      if (filter.outlet) q = q.where('outlet', '=', filter.outlet);
      return paged(q, (b) => b.selectAll(), page, sourceFromRow, (b) => b.orderBy('created_at', 'desc').orderBy('id', 'desc'));
    },
    all(collectionIds) {
      return mapAsync(
        byIdChunks((after, limit) => {
          let q = db.selectFrom('source').selectAll().where('id', '>', after);
          if (collectionIds) q = q.where('collection_id', 'in', [...collectionIds]);
          return q.orderBy('id').limit(limit).execute();
        }),
        sourceFromRow,
      );
    },
  };
}
