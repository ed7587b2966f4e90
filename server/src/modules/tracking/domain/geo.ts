/**
 * Shared geometry of the tracking domain. Pure: no I/O, no clock.
 *
 * Coordinates are raw WGS-84 (domain.md §5.4: store raw WGS-84/CGCS2000; GCJ-02/BD-09 only at the display
 * layer). Grid polygons are CGCS2000, which differs from WGS-84 by centimetres, so point-in-grid tests need no
 * transform. GeoJSON order is [lon, lat]; function arguments below say which order they take.
 *
 * Parameters and constants
 * - EARTH_RADIUS_M = 6,371,008.8 m: the IUGG mean radius. The haversine error against the ellipsoid is below
 *   0.5 %, far under phone GPS noise (5–50 m) at city scale.
 * - Polygons: outer ring contains, later rings are holes (GeoJSON); MultiPolygon = union of its polygons.
 *   A point exactly on an edge may fall on either side (ray casting); irrelevant at GPS accuracy.
 */
import { pointInRing, type Ring } from '../../org';

export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export interface GeoPolygon {
  type: 'Polygon';
  coordinates: number[][][];
}
export interface GeoMultiPolygon {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}
export type AreaGeometry = GeoPolygon | GeoMultiPolygon;

/** Great-circle distance in metres between two WGS-84 points (haversine). */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2);
  const t = Math.sin(dLon / 2);
  const a = s * s + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * t * t;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Bounding box [minLon, minLat, maxLon, maxLat]. */
export type BBox = [number, number, number, number];

function polygonsOf(g: AreaGeometry): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function geometryBBox(g: AreaGeometry): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const poly of polygonsOf(g)) {
    // Only outer rings matter for the box: holes lie inside them.
    const outer = poly[0] ?? [];
    for (const p of outer) {
      const lon = p[0] ?? NaN;
      const lat = p[1] ?? NaN;
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** Point-in-polygon for GeoJSON Polygon / MultiPolygon (holes excluded). Takes lon, lat. */
export function pointInGeometry(lon: number, lat: number, g: AreaGeometry): boolean {
  for (const poly of polygonsOf(g)) {
    const outer = poly[0];
    if (!outer || !pointInRing(lon, lat, outer as Ring)) continue;
    let inHole = false;
    for (let h = 1; h < poly.length; h++) {
      if (pointInRing(lon, lat, poly[h] as Ring)) {
        inHole = true;
        break;
      }
    }
    if (!inHole) return true;
  }
  return false;
}

/** A geometry with its bounding box computed once; `contains` rejects by box before ray casting. */
export interface PreparedArea {
  bbox: BBox;
  contains(lon: number, lat: number): boolean;
}

export function prepareArea(g: AreaGeometry): PreparedArea {
  const bbox = geometryBBox(g);
  const [minLon, minLat, maxLon, maxLat] = bbox;
  return {
    bbox,
    contains(lon, lat) {
      if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) return false;
      return pointInGeometry(lon, lat, g);
    },
  };
}

/**
 * Smallest distance in metres from point P to segment AB, with the fraction t ∈ [0, 1] of the closest point along
 * AB. Local equirectangular projection around P: exact enough for segments of a few kilometres.
 */
export function distanceToSegmentM(
  lat: number,
  lon: number,
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
): { distanceM: number; t: number } {
  const kx = Math.cos(lat * RAD) * RAD * EARTH_RADIUS_M;
  const ky = RAD * EARTH_RADIUS_M;
  const ax = (aLon - lon) * kx;
  const ay = (aLat - lat) * ky;
  const bx = (bLon - lon) * kx;
  const by = (bLat - lat) * ky;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : -(ax * dx + ay * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const x = ax + t * dx;
  const y = ay + t * dy;
  return { distanceM: Math.sqrt(x * x + y * y), t };
}

/** Moves a point by metres north / east (flat-earth; for building test tracks and benchmarks). */
export function offsetM(lat: number, lon: number, northM: number, eastM: number): { lat: number; lon: number } {
  return {
    lat: lat + northM / (RAD * EARTH_RADIUS_M),
    lon: lon + eastM / (Math.cos(lat * RAD) * RAD * EARTH_RADIUS_M),
  };
}
