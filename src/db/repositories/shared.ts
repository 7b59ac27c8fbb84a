import type { Insertable, Kysely, SelectQueryBuilder } from 'kysely';
import type { Page, PageRequest } from '../../core/ports.js';
import type { Database } from '../tables.js';

export type Db = Kysely<Database>;

/** Runs a filtered query as one page plus its total. */
export async function paged<DB, TB extends keyof DB, O extends { id: string }, T>(
  base: SelectQueryBuilder<DB, TB, object>,
  select: (q: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, O>,
  page: PageRequest,
  map: (row: O) => T,
  orderBy: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, O>,
): Promise<Page<T>> {
  const totalRow = (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()) as { n: number | string } | undefined;
  const rows = await orderBy(select(base)).limit(page.limit).offset(page.offset).execute();
  return { items: rows.map(map), total: Number(totalRow?.n ?? 0), limit: page.limit, offset: page.offset };
}

/** Streams rows in id order in chunks (keyset paging), so exports need no large memory. */
export async function* byIdChunks<R extends { id: string }>(fetch: (afterId: string, limit: number) => Promise<R[]>, chunk = 1000): AsyncIterable<R> {
  let after = '';
  for (;;) {
    const rows = await fetch(after, chunk);
    for (const r of rows) yield r;
    if (rows.length < chunk) return;
    after = rows[rows.length - 1]!.id;
  }
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Bound parameters per statement in multi-row writes: under SQLite's limit (32,766) and
 * PostgreSQL's (65,535), and large enough that a statement carries hundreds of rows.
 */
export const MAX_PARAMS = 30_000;

/** Inserts rows in as few statements as the parameter limit allows, in order. */
export async function insertRows<T extends keyof Database & string>(db: Db, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(first).length));
  for (let i = 0; i < rows.length; i += per) {
    // Kysely cannot narrow a generic table's insert type; the rows are that table's by the signature.
    await (db as unknown as Kysely<Record<T, Insertable<Database[T]>>>)
      .insertInto(table)
      .values(rows.slice(i, i + per) as never)
      .execute();
  }
}
