// Literals for parameters that drivers disagree on: PGlite and node-postgres send JS arrays (and
// nested nulls) differently, so arrays and vectors travel as one text literal and are cast in SQL.

/** A PostgreSQL array literal (`{1,"two",NULL}`); cast it in SQL (`::int[]`, `::text[]`, `::uuid[]`). */
export function pgArrayLiteral(values: readonly (string | number | null)[]): string {
  return `{${values
    .map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`))
    .join(',')}}`;
}

/** A pgvector literal (`[0.1,0.2]`); cast it with `::vector`. */
export function vectorLiteral(values: readonly number[]): string {
  return `[${values.join(',')}]`;
}
