import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../db/client';
import type { MigrationRef } from './format';
import { qualified, type SelfReference } from './sql-text';

/** Raw rows of a query inside a transaction (the same shape on PGlite and node-postgres). */
export function queryRows<T>(tx: DbOrTx, q: SQL | string): Promise<T[]> {
  return rowsOf<T>(tx, typeof q === 'string' ? sql.raw(q) : q);
}

export interface TableInfo {
  name: string;
  columns: { name: string; type: string }[];
  primaryKey: string[];
  selfReference: SelfReference | undefined;
}

export interface Catalog {
  tables: Map<string, TableInfo>;
  /** Foreign keys between different tables of the schema, child → parent. */
  edges: { from: string; to: string }[];
  /** Tables with more than one self-referencing key: parent-first order is only guaranteed for one. */
  multiSelfReferencing: string[];
  sequences: { name: string; ownedBy: { table: string; column: string } | null }[];
  userTriggers: { table: string; name: string }[];
}

/**
 * Reads the app's tables from pg_catalog, so that tables added by new modules are included
 * without touching this code: ordinary and partitioned tables of schema `public` (partitions are
 * read through their parent), minus generated columns, which the database computes itself.
 */
export async function readCatalog(tx: DbOrTx): Promise<Catalog> {
  const tableRows = await queryRows<{ name: string }>(
    tx,
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> '__drizzle_migrations'
     ORDER BY c.relname`,
  );
  const tables = new Map<string, TableInfo>(tableRows.map((t) => [t.name, { name: t.name, columns: [], primaryKey: [], selfReference: undefined }]));

  const cols = await queryRows<{ tbl: string; name: string; type: string }>(
    tx,
    `SELECT c.relname AS tbl, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`,
  );
  for (const c of cols) tables.get(c.tbl)?.columns.push({ name: c.name, type: c.type });

  const keyCols = await queryRows<{ conname: string; contype: string; tbl: string; parent: string | null; col: string; pcol: string | null }>(
    tx,
    `SELECT con.conname, con.contype::text AS contype, c.relname AS tbl, p.relname AS parent, a.attname AS col, pa.attname AS pcol
     FROM pg_constraint con
     JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     CROSS JOIN LATERAL unnest(con.conkey, coalesce(con.confkey, con.conkey)) WITH ORDINALITY AS k(attnum, pattnum, ord)
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
     LEFT JOIN pg_class p ON p.oid = con.confrelid
     LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
     LEFT JOIN pg_attribute pa ON pa.attrelid = p.oid AND pa.attnum = k.pattnum
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND (con.contype = 'p' OR (con.contype = 'f' AND pn.nspname = 'public'))
     ORDER BY c.relname, con.conname, k.ord`,
  );
  const fks = new Map<string, { tbl: string; parent: string; columns: string[]; referenced: string[] }>();
  for (const k of keyCols) {
    const t = tables.get(k.tbl);
    if (!t) continue;
    if (k.contype === 'p') {
      t.primaryKey.push(k.col);
    } else if (k.parent && k.pcol) {
      const id = `${k.tbl}.${k.conname}`;
      const fk = fks.get(id) ?? { tbl: k.tbl, parent: k.parent, columns: [], referenced: [] };
      fk.columns.push(k.col);
      fk.referenced.push(k.pcol);
      fks.set(id, fk);
    }
  }
  const edges: { from: string; to: string }[] = [];
  const multiSelfReferencing = new Set<string>();
  for (const fk of fks.values()) {
    if (fk.tbl !== fk.parent) {
      edges.push({ from: fk.tbl, to: fk.parent });
      continue;
    }
    const t = tables.get(fk.tbl)!;
    if (t.selfReference) multiSelfReferencing.add(t.name);
    else t.selfReference = { columns: fk.columns, referenced: fk.referenced };
  }

  const seqs = await queryRows<{ name: string; tbl: string | null; col: string | null }>(
    tx,
    `SELECT s.relname AS name, t.relname AS tbl, a.attname AS col
     FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
     LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
     LEFT JOIN pg_class t ON t.oid = d.refobjid
     LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
     WHERE n.nspname = 'public' AND s.relkind = 'S'
     ORDER BY s.relname`,
  );
  const triggers = await queryRows<{ tbl: string; name: string }>(
    tx,
    `SELECT c.relname AS tbl, t.tgname AS name FROM pg_trigger t
     JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgparentid = 0
     ORDER BY c.relname, t.tgname`,
  );
  return {
    tables,
    edges,
    multiSelfReferencing: [...multiSelfReferencing],
    sequences: seqs.map((s) => ({ name: s.name, ownedBy: s.tbl && s.col ? { table: s.tbl, column: s.col } : null })),
    userTriggers: triggers.map((t) => ({ table: t.tbl, name: t.name })),
  };
}

/** The migrations drizzle recorded as applied, oldest first; empty when none ever ran. */
export async function appliedMigrations(tx: DbOrTx): Promise<MigrationRef[]> {
  const exists = await queryRows<{ r: string | null }>(tx, `SELECT to_regclass('drizzle.__drizzle_migrations')::text AS r`);
  if (!exists[0]?.r) return [];
  const rows = await queryRows<{ hash: string; created_at: string | null }>(
    tx,
    `SELECT hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY created_at, id`,
  );
  return rows.map((r) => ({ hash: r.hash, createdAt: r.created_at ?? '' }));
}

export async function countRows(tx: DbOrTx, table: string, where?: string): Promise<number> {
  const r = await queryRows<{ n: string }>(tx, `SELECT count(*)::text AS n FROM ${qualified(table)}${where ? ` WHERE ${where}` : ''}`);
  return Number(r[0]?.n ?? 0);
}

export async function serverVersion(tx: DbOrTx): Promise<string> {
  const r = await queryRows<{ v: string }>(tx, `SELECT current_setting('server_version') AS v`);
  return r[0]?.v ?? 'unknown';
}
