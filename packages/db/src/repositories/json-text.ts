// Response bodies as JSON text built by PostgreSQL (listBySymbolJson), by concatenation rather than
// json_build_object/json_agg: with three jsonb columns per pattern, json_build_object spent ~3.1 µs
// a row against ~2.0 µs here (100,000 rows on PostgreSQL 15), most of PostgreSQL's work for a
// 100-row response at 1,000 requests/s (tools/bench/src/query.bench.ts). The output is compact
// JSON; test/json-reads.test.ts holds it equal, once parsed, to what listBySymbol returns.
import { sql, type RawBuilder } from 'kysely';
import { ISO_SQL_FORMAT } from './rows';

/**
 * How a column becomes a JSON value: `text` (a JSON string, escaped by to_json), `number`
 * (float8 text: PostgreSQL prints the shortest exact form, as JSON.stringify does), `json`
 * (jsonb's own text), `iso` (timestamptz as CONTRACT.md writes it); `OrNull` for nullable columns.
 */
export type JsonKind = 'text' | 'textOrNull' | 'number' | 'numberOrNull' | 'json' | 'jsonOrNull' | 'iso';

function valueText(kind: JsonKind, column: RawBuilder<unknown>): RawBuilder<string> {
  switch (kind) {
    case 'text':
      return sql`to_json(${column})::text`;
    case 'textOrNull':
      return sql`coalesce(to_json(${column})::text, 'null')`;
    case 'number':
    case 'json':
      return sql`${column}::text`;
    case 'numberOrNull':
    case 'jsonOrNull':
      return sql`coalesce(${column}::text, 'null')`;
    case 'iso':
      return sql`'"' || to_char(${column} at time zone 'UTC', ${sql.raw(ISO_SQL_FORMAT)}) || '"'`;
  }
}

/** One JSON object's text, keys in the order given (the record types' order). */
export function jsonObjectText(fields: readonly (readonly [key: string, kind: JsonKind, column: RawBuilder<unknown>])[]): RawBuilder<string> {
  const parts = fields.map(([key, kind, column], i) => sql`${sql.lit(`${i === 0 ? '{' : ','}${JSON.stringify(key)}:`)} || ${valueText(kind, column)}`);
  return sql<string>`(${sql.join(parts, sql` || `)} || '}')`;
}

/** The JSON array text of `object` over the rows, in `orderBy` order; '[]' for none. */
export function jsonArrayText(object: RawBuilder<string>, orderBy: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`coalesce('[' || string_agg(${object}, ',' order by ${orderBy}) || ']', '[]')`;
}
