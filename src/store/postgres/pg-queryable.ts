/**
 * What a PostgreSQL repository runs its SQL on: the unit of work's `PoolClient` (inside
 * BEGIN … COMMIT) or, for `Store.read`, the `Pool` itself (each query on any idle connection).
 */
import pg from 'pg';

export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 ${text} does not fit a JS number`);
  return n;
}

/**
 * The pool's own type parsers (pg's global `types` stays untouched): BIGINT and `count(*)` come
 * back as numbers. Every int8 we store is a ms timestamp, a size or a count, far below 2^53.
 *
 *   new pg.Pool({ connectionString, types: int8AsNumber });
 */
export const int8AsNumber: pg.CustomTypesConfig = {
  getTypeParser: (id: number, format?: 'text' | 'binary') =>
    id === pg.types.builtins.INT8 && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(id, format),
};

/** JSON columns are TEXT (see migrations/001): always bind `JSON.stringify(value)` — pg would send a JS array as a PostgreSQL array. */
export const json = (value: unknown): string => JSON.stringify(value);
