import type { Kysely, SelectQueryBuilder } from 'kysely';
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
