import type { Collection } from '../../core/collection.js';
import type { CollectionRepository } from '../../core/ports.js';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { collectionFromRow, collectionToRow } from '../mappers.js';
import type { Db } from './shared.js';
import { withCells } from './stats.repository.js';

export function collectionRepository(db: Db, caps: DialectCapabilities): CollectionRepository {
  return {
    async insert(c: Collection) {
      await db.insertInto('collection').values(collectionToRow(c)).execute();
    },
    async get(id) {
      const r = await db.selectFrom('collection').selectAll().where('id', '=', id).executeTakeFirst();
      return r && collectionFromRow(r);
    },
    async update(c) {
      const { id, ...rest } = collectionToRow(c);
      await db.updateTable('collection').set(rest).where('id', '=', id).execute();
    },
    async delete(id) {
      // Children first, in dependency order, so both engines agree whatever their cascade support.
      const docIds = (await db.selectFrom('search_doc').select('doc_id').where('collection_id', '=', id).execute()).map((r) => Number(r.doc_id));
      await caps.deleteSearchText(db, docIds);
      await db.deleteFrom('search_doc').where('collection_id', '=', id).execute();
      await db.deleteFrom('claim').where('collection_id', '=', id).execute();
      await db.deleteFrom('involvement').where('act_id', 'in', db.selectFrom('act').select('id').where('collection_id', '=', id)).execute();
      await db.deleteFrom('act').where('collection_id', '=', id).execute();
      await withCells(db).deleteFrom('stats_cell').where('collection_id', '=', id).execute();
      await db.deleteFrom('incident').where('collection_id', '=', id).execute();
      await db.deleteFrom('source').where('collection_id', '=', id).execute();
      await db.updateTable('actor').set({ parent_id: null }).where('collection_id', '=', id).execute();
      await db.deleteFrom('actor').where('collection_id', '=', id).execute();
      await db.deleteFrom('person_token').where('collection_id', '=', id).execute();
      await db.deleteFrom('person').where('collection_id', '=', id).execute();
      await db.deleteFrom('membership').where('collection_id', '=', id).execute();
      await db.deleteFrom('collection').where('id', '=', id).execute();
    },
    async list() {
      const rows = await db.selectFrom('collection').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(collectionFromRow);
    },
  };
}
