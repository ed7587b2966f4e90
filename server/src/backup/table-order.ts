/** A foreign key from `from` (the child) to `to` (the parent), by table name. */
export interface TableEdge {
  from: string;
  to: string;
}

export interface TableOrder {
  /** Every table once; parents before children wherever the graph allows it. */
  order: string[];
  /** Tables on a foreign-key cycle between different tables (no insert order satisfies them). */
  cyclic: string[];
}

/**
 * Orders tables so that every table comes after the tables it references (Kahn's algorithm,
 * ties broken by name so that the same schema always gives the same file). Self-references are
 * ignored here: they are handled by ordering the rows of that table parent-first.
 */
export function orderTables(tables: readonly string[], edges: readonly TableEdge[]): TableOrder {
  const known = new Set(tables);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  const children = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) {
    if (e.from === e.to || !known.has(e.from) || !known.has(e.to)) continue;
    parents.get(e.from)!.add(e.to);
    children.get(e.to)!.add(e.from);
  }
  const remaining = new Map<string, number>([...parents].map(([t, ps]) => [t, ps.size]));
  const ready = [...remaining].filter(([, n]) => n === 0).map(([t]) => t).sort();
  const order: string[] = [];
  while (ready.length) {
    const t = ready.shift()!;
    order.push(t);
    for (const c of [...children.get(t)!].sort()) {
      const n = remaining.get(c)! - 1;
      remaining.set(c, n);
      if (n === 0) {
        ready.push(c);
        ready.sort();
      }
    }
  }
  const cyclic = [...remaining].filter(([t, n]) => n > 0 && !order.includes(t)).map(([t]) => t).sort();
  return { order: [...order, ...cyclic], cyclic };
}
