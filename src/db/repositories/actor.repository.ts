import type { Actor } from '../../core/actor.js';
import type { ActorRepository } from '../../core/ports.js';
import { actorFromRow, actorToRow } from '../mappers.js';
import { byIdChunks, escapeLike, paged, type Db } from './shared.js';

export function actorRepository(db: Db): ActorRepository {
  return {
    async insert(a: Actor) {
      await db.insertInto('actor').values(actorToRow(a)).execute();
    },
    async get(id) {
      const r = await db.selectFrom('actor').selectAll().where('id', '=', id).executeTakeFirst();
      return r && actorFromRow(r);
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('actor').selectAll().where('id', 'in', [...ids]).orderBy('id').execute()).map(actorFromRow);
    },
    async update(a) {
      const { id, ...rest } = actorToRow(a);
      await db.updateTable('actor').set(rest).where('id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('actor').where('id', '=', id).execute();
    },
    async list(filter, page) {
      let q = db.selectFrom('actor');
      if (filter.collectionIds) q = q.where('collection_id', 'in', [...filter.collectionIds]);
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      if (filter.name) q = q.where('name_key', 'like', `%${escapeLike(filter.name.toLowerCase().replaceAll('ё', 'е'))}%`);
      return paged(q, (b) => b.selectAll(), page, actorFromRow, (b) => b.orderBy('name').orderBy('id'));
    },
    all(collectionIds) {
      return mapAsync(
        byIdChunks((after, limit) => {
          let q = db.selectFrom('actor').selectAll().where('id', '>', after);
          if (collectionIds) q = q.where('collection_id', 'in', [...collectionIds]);
          return q.orderBy('id').limit(limit).execute();
        }),
        actorFromRow,
      );
    },
    async isReferenced(id) {
      const checks = [
        db.selectFrom('actor').select('id').where('parent_id', '=', id).limit(1),
        db.selectFrom('involvement').select('act_id').where('actor_id', '=', id).limit(1),
        db.selectFrom('claim').select('id').where((eb) => eb.or([eb('speaker_id', '=', id), eb('relay_id', '=', id), eb('perpetrator_id', '=', id)])).limit(1),
      ];
      for (const c of checks) if (await c.executeTakeFirst()) return true;
      return false;
    },
  };
}

export async function* mapAsync<A, B>(it: AsyncIterable<A>, f: (a: A) => B): AsyncIterable<B> {
  for await (const a of it) yield f(a);
}
