import type { GeoJsonGeometry } from '../org.tables';

/** An axis-aligned rectangle as a closed GeoJSON polygon (lon/lat, counter-clockwise). */
export function rect(west: number, south: number, east: number, north: number): GeoJsonGeometry {
  const r = (n: number) => Math.round(n * 1e6) / 1e6;
  return {
    type: 'Polygon',
    coordinates: [[[r(west), r(south)], [r(east), r(south)], [r(east), r(north)], [r(west), r(north)], [r(west), r(south)]]],
  };
}

export interface DemoCell {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Splits a cell into cols × rows sub-cells, numbered west→east, north→south (as grid codes are). */
export function split(c: DemoCell, cols: number, rows: number): DemoCell[] {
  const w = (c.east - c.west) / cols;
  const h = (c.north - c.south) / rows;
  const out: DemoCell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      const north = c.north - r * h;
      out.push({ west: c.west + k * w, east: c.west + (k + 1) * w, north, south: north - h });
    }
  }
  return out;
}
