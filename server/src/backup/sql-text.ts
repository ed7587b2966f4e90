/** SQL text builders for backup and restore. Pure: names and types come from the catalog. */

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function qualified(table: string, schema = 'public'): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

/**
 * The session settings under which values are written and read as text, so that the text form
 * does not depend on the server's or the connection's defaults.
 */
export const TEXT_FORM_SETTINGS = [
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL DateStyle = 'ISO, YMD'`,
  `SET LOCAL IntervalStyle = 'postgres'`,
  // Shortest text that reads back to the identical double (the default since PostgreSQL 12).
  `SET LOCAL extra_float_digits = 1`,
  `SET LOCAL bytea_output = 'hex'`,
];

export interface SelfReference {
  /** Child columns (e.g. parent_id) … */
  columns: string[];
  /** … referencing these columns of the same table (e.g. id). */
  referenced: string[];
}

export interface SelectSpec {
  table: string;
  columns: string[];
  primaryKey: string[];
  /** A self-referencing foreign key: rows are then emitted parent-first. */
  selfReference?: SelfReference | undefined;
}

/**
 * One SELECT returning every column as text (aliased c0, c1 …). Rows come in primary-key order;
 * for a self-referencing table (org_unit.parent_id) parent-first by depth in the tree, so that a
 * plain insert in file order satisfies the foreign key.
 */
export function selectAsText(s: SelectSpec): string {
  const cols = s.columns.map((c, i) => `t.${quoteIdent(c)}::text AS c${i}`).join(', ');
  const pkOrder = s.primaryKey.map((c) => `t.${quoteIdent(c)}`);
  const from = qualified(s.table);
  if (!s.selfReference) {
    return `SELECT ${cols} FROM ${from} t${pkOrder.length ? ` ORDER BY ${pkOrder.join(', ')}` : ''}`;
  }
  const { columns: child, referenced: key } = s.selfReference;
  const keyCols = key.map((c, i) => `${quoteIdent(c)} AS k${i}`).join(', ');
  // Roots: rows whose reference is null (MATCH SIMPLE: any null column) or points at themselves.
  const isRoot = [...child.map((c) => `${quoteIdent(c)} IS NULL`), `(${child.map((c, i) => `${quoteIdent(c)} = ${quoteIdent(key[i]!)}`).join(' AND ')})`].join(' OR ');
  const joinUp = child.map((c, i) => `x.${quoteIdent(c)} = w.k${i}`).join(' AND ');
  const notSelf = `NOT (${child.map((c, i) => `x.${quoteIdent(c)} = x.${quoteIdent(key[i]!)}`).join(' AND ')})`;
  const joinWalk = key.map((c, i) => `t.${quoteIdent(c)} = w.k${i}`).join(' AND ');
  return (
    `WITH RECURSIVE w AS (` +
    `SELECT ${keyCols}, 0 AS depth FROM ${from} WHERE ${isRoot} ` +
    `UNION ALL SELECT ${key.map((c, i) => `x.${quoteIdent(c)} AS k${i}`).join(', ')}, w.depth + 1 FROM ${from} x JOIN w ON ${joinUp} WHERE ${notSelf}` +
    `) SELECT ${cols} FROM ${from} t LEFT JOIN w ON ${joinWalk} ORDER BY w.depth NULLS LAST${pkOrder.length ? `, ${pkOrder.join(', ')}` : ''}`
  );
}

/**
 * An INSERT of a batch of rows passed as ONE json parameter (an array of text-or-null arrays):
 * each value is cast from its text form with the target column's type. One parameter per batch
 * keeps clear of the 65,535-parameter limit however wide the table.
 */
export function insertFromJson(table: string, columns: readonly { name: string; type: string }[]): string {
  const names = columns.map((c) => quoteIdent(c.name)).join(', ');
  const values = columns.map((c, i) => `(r->>${i})::${c.type}`).join(', ');
  return `INSERT INTO ${qualified(table)} (${names}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM json_array_elements($1::json) AS r`;
}

/** The placeholder insertFromJson leaves for its one parameter. */
export const JSON_PARAM = '$1::json';
