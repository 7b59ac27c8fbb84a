import { sql } from 'kysely';
import type { StatsCell, StatsRepository } from '../../core/ports.js';
import type { Db } from './shared.js';

const DEFAULT_STATUSES = ['unverified', 'alleged', 'corroborated', 'verified', 'contested'] as const;

export function statsRepository(db: Db): StatsRepository {
  return {
    async byActTypeMonthRegion(q) {
      let query = db
        .selectFrom('act')
        .select([
          'type',
          'stats_month',
          'country_code',
          'region_code',
          (eb) => eb.fn.sum<number>('count_low').as('low'),
          (eb) => eb.fn.sum<number>('count_high').as('high'),
          // Any act without an upper bound makes the cell's upper bound unknown.
          sql<number>`sum(case when count_high is null then 1 else 0 end)`.as('unbounded'),
          (eb) => eb.fn.count<number>('incident_id').distinct().as('incidents'),
          (eb) => eb.fn.countAll<number>().as('acts'),
        ])
        .where('status', 'in', [...(q.statuses ?? DEFAULT_STATUSES)]);
      if (q.collectionIds) query = query.where('collection_id', 'in', [...q.collectionIds]);
      if (q.actType) query = query.where('type', '=', q.actType);
      if (q.countryCode) query = query.where('country_code', '=', q.countryCode);
      // A period known only to the year overlaps a range that starts within that year.
      const from = q.from;
      if (from) query = query.where((eb) => eb.or([eb('stats_month', '>=', from.slice(0, 7)), eb('stats_month', '=', from.slice(0, 4))]));
      if (q.to) query = query.where('stats_month', '<=', q.to.slice(0, 7));
      const rows = await query
        .groupBy(['type', 'stats_month', 'country_code', 'region_code'])
        .orderBy('type')
        .orderBy('stats_month')
        .orderBy('country_code')
        .orderBy('region_code')
        .execute();
      return rows.map(
        (r): StatsCell => ({
          actType: r.type as StatsCell['actType'],
          period: r.stats_month,
          countryCode: r.country_code,
          regionCode: r.region_code,
          low: Number(r.low ?? 0),
          high: Number(r.unbounded) > 0 ? null : Number(r.high ?? 0),
          incidents: Number(r.incidents),
          acts: Number(r.acts),
        }),
      );
    },
  };
}
