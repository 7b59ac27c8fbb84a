import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { VigilMigration } from './index.js';

interface Tables {
  act: {
    incident_id: string;
    collection_id: string;
    status: string;
    type: string;
    stats_month: string | null;
    country_code: string | null;
    region_code: string | null;
    count_low: number;
    count_high: number | null;
  };
  stats_cell: {
    collection_id: string;
    status: string;
    type: string;
    period: string;
    country_code: string;
    region_code: string;
    acts: number;
    incidents: number;
    count_low: number;
    count_high: number;
    unbounded: number;
  };
}

/**
 * Statistics at scale (docs/benchmarks.md): act rows summed per collection, status, act type,
 * period and place, kept in step by the incident repository, so that statistics read cells, not
 * every act. Unknown period or place is '' (key columns are not null). Victim sums are double
 * precision: exact far beyond any real total, and no overflow where 32-bit integers would.
 */
export const statsCells: VigilMigration = (_caps: DialectCapabilities) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('stats_cell')
      .addColumn('collection_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('country_code', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('acts', 'integer', (c) => c.notNull())
      .addColumn('incidents', 'integer', (c) => c.notNull())
      .addColumn('count_low', 'double precision', (c) => c.notNull())
      .addColumn('count_high', 'double precision', (c) => c.notNull())
      .addColumn('unbounded', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('stats_cell_pk', ['type', 'period', 'country_code', 'region_code', 'status', 'collection_id'])
      .execute();
    await db.schema.createIndex('stats_cell_collection').on('stats_cell').column('collection_id').execute();
    // Every column, in the statistics' group order: they read this index alone, in order.
    await db.schema
      .createIndex('stats_cell_scan')
      .on('stats_cell')
      .columns(['type', 'period', 'country_code', 'region_code', 'status', 'collection_id', 'acts', 'incidents', 'count_low', 'count_high', 'unbounded'])
      .execute();
    // The cells of the acts already stored.
    const t = db as Kysely<Tables>;
    await t
      .insertInto('stats_cell')
      .columns(['collection_id', 'status', 'type', 'period', 'country_code', 'region_code', 'acts', 'incidents', 'count_low', 'count_high', 'unbounded'])
      .expression(
        t
          .selectFrom('act')
          .select((eb) => [
            'collection_id',
            'status',
            'type',
            eb.fn.coalesce('stats_month', eb.val('')).as('period'),
            eb.fn.coalesce('country_code', eb.val('')).as('country_code'),
            eb.fn.coalesce('region_code', eb.val('')).as('region_code'),
            eb.fn.countAll<number>().as('acts'),
            eb.fn.count<number>('incident_id').distinct().as('incidents'),
            eb.fn.sum<number>('count_low').as('count_low'),
            eb.fn.sum<number>(eb.fn.coalesce('count_high', eb.val(0))).as('count_high'),
            eb.fn.sum<number>(eb.case().when('count_high', 'is', null).then(1).else(0).end()).as('unbounded'),
          ])
          .groupBy(['collection_id', 'status', 'type', 'stats_month', 'country_code', 'region_code']),
      )
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('stats_cell').ifExists().execute();
  },
});
