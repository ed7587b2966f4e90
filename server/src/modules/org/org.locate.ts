import type { Database } from '../../db/client';
import { buildSpatialIndex, type LocateResult, type SpatialIndex } from './domain/spatial-index';
import { orgRepository } from './org.repository';

/**
 * The point-location index, one per database per process. Every org service built on the same database shares it
 * (the service module and the org routes each build their own service object), so a write through any of them
 * drops it at once. Writes made elsewhere (another process, the seed) are noticed by a fingerprint of the table
 * (count, version sum, latest update), checked at most every RECHECK_MS: a cheap aggregate instead of a reload.
 */
const RECHECK_MS = 2_000;

interface Cached {
  index: Promise<{ index: SpatialIndex; fingerprint: string }> | undefined;
  checkedAt: number;
  /** Bumped by every invalidation; a load that started before it is not kept. */
  generation: number;
}

const caches = new WeakMap<Database, Cached>();

function cacheOf(database: Database): Cached {
  let c = caches.get(database);
  if (!c) {
    c = { index: undefined, checkedAt: 0, generation: 0 };
    caches.set(database, c);
  }
  return c;
}

/** Drops the index of this database: the next locate rebuilds it. Called after every committed org write. */
export function invalidateLocateIndex(database: Database): void {
  const c = cacheOf(database);
  c.generation++;
  c.index = undefined;
}

async function load(database: Database): Promise<{ index: SpatialIndex; fingerprint: string }> {
  // Fingerprint first: a write landing between the two reads makes the stored fingerprint older than the units,
  // which only causes one needless reload later, never a stale index kept.
  const fingerprint = await orgRepository.fingerprint(database.db);
  const units = await orgRepository.findCurrentForLocate(database.db);
  return { index: buildSpatialIndex(units), fingerprint };
}

function loadInto(database: Database, c: Cached) {
  const generation = c.generation;
  const p = load(database);
  c.index = p;
  c.checkedAt = performance.now();
  // A failed load is not cached (the next call tries again); the caller still sees the error.
  p.catch(() => {
    if (c.generation === generation && c.index === p) c.index = undefined;
  });
  return p;
}

/** The team and unit grid owning a WGS-84 point (null, null = outside every area: the city desk). */
export async function locatePoint(database: Database, lon: number, lat: number): Promise<LocateResult> {
  const c = cacheOf(database);
  let p = c.index ?? loadInto(database, c);
  if (performance.now() - c.checkedAt > RECHECK_MS) {
    c.checkedAt = performance.now();
    const current = await p;
    if ((await orgRepository.fingerprint(database.db)) !== current.fingerprint) {
      invalidateLocateIndex(database);
      p = loadInto(database, c);
    } else {
      p = c.index ?? p;
    }
  }
  return (await p).index.locate(lon, lat);
}
