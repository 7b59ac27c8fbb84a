import type { Kysely } from 'kysely';
import type { StatsCell, StatsRepository } from '../../core/ports.js';
import type { ActTable, Database } from '../tables.js';
import { MAX_PARAMS, type Db } from './shared.js';

const DEFAULT_STATUSES = ['unverified', 'alleged', 'corroborated', 'verified', 'contested'] as const;

/**
 * Statistics come from `stats_cell`: the act rows already summed per collection, status, act
 * type, period and place (migration 20261124010000). The incident repository keeps it in step in
 * the same transaction as every write to acts (`cellDeltas`, `applyCellDeltas`), so a count over
 * a million incidents reads some ten thousand cells instead of every act. Unknown periods and
 * places are '' in the table (a key column cannot be null there) and null everywhere else.
 */
export interface StatsCellTable {
  collection_id: string;
  status: string;
  type: string;
  period: string;
  country_code: string;
  region_code: string;
  acts: number;
  /** Incidents with at least one act in the cell. */
  incidents: number;
  count_low: number;
  /** Sum of the upper bounds of the acts that have one. */
  count_high: number;
  /** Acts without an upper bound. */
  unbounded: number;
}

type CellDb = Kysely<Database & { stats_cell: StatsCellTable }>;
export const withCells = (db: Db): CellDb => db.withTables<{ stats_cell: StatsCellTable }>();

const KEY = ['type', 'period', 'country_code', 'region_code', 'status', 'collection_id'] as const;

/** The act columns a cell is made of. */
export type ActStatsColumns = Pick<ActTable, 'incident_id' | 'collection_id' | 'status' | 'type' | 'stats_month' | 'country_code' | 'region_code' | 'count_low' | 'count_high'>;
export const ACT_STATS_COLUMNS = ['incident_id', 'collection_id', 'status', 'type', 'stats_month', 'country_code', 'region_code', 'count_low', 'count_high'] as const;

/** Changes to cells, by key. */
export type CellDeltas = Map<string, StatsCellTable>;

/** Adds (sign 1) or takes away (sign -1) what these act rows contribute to their cells. */
export function cellDeltas(acts: readonly ActStatsColumns[], sign: 1 | -1, into: CellDeltas = new Map()): CellDeltas {
  const seen = new Set<string>();
  for (const a of acts) {
    const cell = {
      type: a.type,
      period: a.stats_month ?? '',
      country_code: a.country_code ?? '',
      region_code: a.region_code ?? '',
      status: a.status,
      collection_id: a.collection_id,
    };
    const key = KEY.map((k) => cell[k]).join('\u0000');
    const d = into.get(key) ?? { ...cell, acts: 0, incidents: 0, count_low: 0, count_high: 0, unbounded: 0 };
    d.acts += sign;
    d.count_low += sign * Number(a.count_low);
    if (a.count_high === null) d.unbounded += sign;
    else d.count_high += sign * Number(a.count_high);
    // An incident counts once in a cell however many of its acts fall there.
    const incidentKey = `${key}\u0000${a.incident_id}`;
    if (!seen.has(incidentKey)) {
      seen.add(incidentKey);
      d.incidents += sign;
    }
    into.set(key, d);
  }
  return into;
}

/** Applies cell changes: in key order, so that concurrent writers lock cells in the same order. */
export async function applyCellDeltas(db: Db, deltas: CellDeltas): Promise<void> {
  const rows = [...deltas.entries()]
    .filter(([, d]) => d.acts !== 0 || d.incidents !== 0 || d.count_low !== 0 || d.count_high !== 0 || d.unbounded !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
  const per = Math.floor(MAX_PARAMS / 11);
  for (let i = 0; i < rows.length; i += per) {
    await withCells(db)
      .insertInto('stats_cell')
      .values(rows.slice(i, i + per))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet((eb) => ({
          acts: eb('stats_cell.acts', '+', eb.ref('excluded.acts')),
          incidents: eb('stats_cell.incidents', '+', eb.ref('excluded.incidents')),
          count_low: eb('stats_cell.count_low', '+', eb.ref('excluded.count_low')),
          count_high: eb('stats_cell.count_high', '+', eb.ref('excluded.count_high')),
          unbounded: eb('stats_cell.unbounded', '+', eb.ref('excluded.unbounded')),
        })),
      )
      .execute();
  }
  // Cells left empty go, so that the table holds the same rows whatever the order of writes.
  const emptied = rows.filter((d) => d.acts < 0);
  for (let i = 0; i < emptied.length; i += 100) {
    const chunk = emptied.slice(i, i + 100);
    await withCells(db)
      .deleteFrom('stats_cell')
      .where('acts', '<=', 0)
      .where((eb) => eb.or(chunk.map((d) => eb.and(KEY.map((k) => eb(k, '=', d[k]))))))
      .execute();
  }
}

export function statsRepository(db: Db): StatsRepository {
  return {
    async byActTypeMonthRegion(q) {
      let query = withCells(db)
        .selectFrom('stats_cell')
        .select([
          'type',
          'period',
          'country_code',
          'region_code',
          (eb) => eb.fn.sum<number>('count_low').as('low'),
          (eb) => eb.fn.sum<number>('count_high').as('high'),
          // Any act without an upper bound makes the cell's upper bound unknown.
          (eb) => eb.fn.sum<number>('unbounded').as('unbounded'),
          (eb) => eb.fn.sum<number>('incidents').as('incidents'),
          (eb) => eb.fn.sum<number>('acts').as('acts'),
        ])
        .where('status', 'in', [...(q.statuses ?? DEFAULT_STATUSES)])
        .where('acts', '>', 0);
      if (q.collectionIds) query = query.where('collection_id', 'in', [...q.collectionIds]);
      if (q.actType) query = query.where('type', '=', q.actType);
      if (q.countryCode) query = query.where('country_code', '=', q.countryCode);
      // A period known only to the year overlaps a range that starts within that year.
      const from = q.from;
      if (from) query = query.where('period', '<>', '').where((eb) => eb.or([eb('period', '>=', from.slice(0, 7)), eb('period', '=', from.slice(0, 4))]));
      if (q.to) query = query.where('period', '<>', '').where('period', '<=', q.to.slice(0, 7));
      const rows = await query
        .groupBy(['type', 'period', 'country_code', 'region_code'])
        .orderBy('type')
        .orderBy('period')
        .orderBy('country_code')
        .orderBy('region_code')
        .execute();
      const orNull = (s: string) => (s === '' ? null : s);
      return rows.map(
        (r): StatsCell => ({
          actType: r.type as StatsCell['actType'],
          period: orNull(r.period),
          countryCode: orNull(r.country_code),
          regionCode: orNull(r.region_code),
          low: Number(r.low ?? 0),
          high: Number(r.unbounded) > 0 ? null : Number(r.high ?? 0),
          incidents: Number(r.incidents),
          acts: Number(r.acts),
        }),
      );
    },
  };
}
