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

/**
 * Per-key values that carry their own validity stamp, read with the request (e.g. an assessment's answered items
 * under the assessment row's update stamp): an entry is used only while its stamp is the one just read, so a
 * write on any instance is seen at once. Missing or stale keys are loaded together in one call.
 */
const stamped = new WeakMap<object, Map<string, { stamp: string; value: unknown }>>();
const STAMPED_MAX = 20_000;

export async function cachedByStamp<T>(db: object, kind: string, wanted: readonly { key: string; stamp: string }[], load: (keys: string[]) => Promise<Map<string, T>>): Promise<Map<string, T>> {
  const m = mapOf(stamped, db);
  const out = new Map<string, T>();
  const missing: { key: string; stamp: string }[] = [];
  for (const w of wanted) {
    const hit = m.get(`${kind}|${w.key}`);
    if (hit && hit.stamp === w.stamp) out.set(w.key, hit.value as T);
    else missing.push(w);
  }
  if (missing.length) {
    const loaded = await load(missing.map((w) => w.key));
    if (m.size + missing.length > STAMPED_MAX) m.clear();
    for (const w of missing) {
      const value = loaded.get(w.key);
      if (value === undefined) continue;
      m.set(`${kind}|${w.key}`, { stamp: w.stamp, value });
      out.set(w.key, value);
    }
  }
  return out;
}
