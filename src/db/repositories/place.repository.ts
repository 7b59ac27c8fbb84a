import type { Place } from '../../core/place.js';
import type { PlaceRepository } from '../../core/ports.js';
import { placeFromRow, placeToRow } from '../mappers.js';
import { escapeLike, paged, type Db } from './shared.js';

export function placeRepository(db: Db): PlaceRepository {
  return {
    async insert(p: Place) {
      await db.insertInto('place').values(placeToRow(p)).execute();
    },
    async ensureBuiltins(places) {
      const existing = new Set((await db.selectFrom('place').select('code').where('builtin', '=', 1).execute()).map((r) => r.code));
      const missing = places.filter((p) => !existing.has(p.code));
      for (let i = 0; i < missing.length; i += 100) await db.insertInto('place').values(missing.slice(i, i + 100).map(placeToRow)).execute();
      return missing.length;
    },
    async get(id) {
      const r = await db.selectFrom('place').selectAll().where('id', '=', id).executeTakeFirst();
      return r && placeFromRow(r);
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('place').selectAll().where('id', 'in', [...ids]).orderBy('id').execute()).map(placeFromRow);
    },
    async getByCode(code) {
      const r = await db.selectFrom('place').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
      return r && placeFromRow(r);
    },
    async update(p) {
      const { id, ...rest } = placeToRow(p);
      await db.updateTable('place').set(rest).where('id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('place').where('id', '=', id).execute();
    },
    async list(filter, page) {
      let q = db.selectFrom('place');
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      if (filter.countryCode) q = q.where('country_code', '=', filter.countryCode);
      if (filter.parentId) q = q.where('parent_id', '=', filter.parentId);
      if (filter.name) {
        const key = filter.name.toLowerCase().replaceAll('ё', 'е');
        // name_key holds the English and Russian names; match a prefix of either.
        q = q.where((eb) =>
          eb.or([eb('name_key', 'like', `${escapeLike(key)}%`), eb('name_key', 'like', `%\u0001${escapeLike(key)}%`)]),
        );
      }
      return paged(q, (b) => b.selectAll(), page, placeFromRow, (b) => b.orderBy('kind').orderBy('name_en').orderBy('id'));
    },
    async *userAdded() {
      const rows = await db.selectFrom('place').selectAll().where('builtin', '=', 0).orderBy('id').execute();
      // Parents before children: a locality may sit under another user-added place.
      const byId = new Map(rows.map((r) => [r.id, r]));
      const done = new Set<string>();
      const visit = function* (r: (typeof rows)[number]): Generator<Place> {
        if (done.has(r.id)) return;
        done.add(r.id);
        const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
        if (parent) yield* visit(parent);
        yield placeFromRow(r);
      };
      for (const r of rows) yield* visit(r);
    },
    async isReferenced(id) {
      const checks = [
        db.selectFrom('place').select('id').where('parent_id', '=', id).limit(1),
        db.selectFrom('incident').select('id').where('place_id', '=', id).limit(1),
        db.selectFrom('act').select('id').where('place_id', '=', id).limit(1),
        db.selectFrom('claim').select('id').where('asserted_place_id', '=', id).limit(1),
      ];
      for (const c of checks) if (await c.executeTakeFirst()) return true;
      return false;
    },
  };
}
