/**
 * Snapshot history (days before today) changes only when a snapshot is written, which is once a day, or on
 * demand. Burn-up and forecast series over that history are cached per database and campaign: a write
 * through this module (`bumpSnapshots`) invalidates them at once, and a TTL bounds how long another instance's
 * write of a past day can go unseen. Today's values are always read live.
 */
const TTL_MS = 10 * 60_000;

interface Entry {
  generation: number;
  expires: number;
  value: unknown;
}
const generations = new WeakMap<object, Map<string, number>>();
const entries = new WeakMap<object, Map<string, Entry>>();

const mapOf = <V>(w: WeakMap<object, Map<string, V>>, db: object): Map<string, V> => {
  let m = w.get(db);
  if (!m) w.set(db, (m = new Map()));
  return m;
};

export function bumpSnapshots(db: object, campaignId: string): void {
  const g = mapOf(generations, db);
  g.set(campaignId, (g.get(campaignId) ?? 0) + 1);
}

export async function cachedHistory<T>(db: object, campaignId: string, key: string, load: () => Promise<T>): Promise<T> {
  const generation = mapOf(generations, db).get(campaignId) ?? 0;
  const m = mapOf(entries, db);
  const k = `${campaignId}|${key}`;
  const hit = m.get(k);
  const now = Date.now();
  if (hit && hit.generation === generation && hit.expires > now) return hit.value as T;
  const value = await load();
  if (m.size > 500) m.clear();
  m.set(k, { generation, expires: now + TTL_MS, value });
  return value;
}
