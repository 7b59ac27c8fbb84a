import { IdSchema } from '../core/common.js';
import { NotFoundError, type NotFoundCode } from '../core/errors.js';

/** Loads a record by id or throws the entity's NOT_FOUND error (naming the field when given). */
export async function mustGet<T>(
  get: (id: string) => Promise<T | undefined>,
  code: NotFoundCode,
  entity: string,
  id: string,
  field?: string,
): Promise<T> {
  const found = IdSchema.safeParse(id).success ? await get(id) : undefined;
  if (found === undefined) throw new NotFoundError(code, entity, String(id).slice(0, 64), field);
  return found;
}
