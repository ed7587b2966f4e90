import gcoord from 'gcoord';
import type { FeatureCollection, Geometry } from 'geojson';
import type { TileCrs } from '../hooks/usePlatformConfig';

/**
 * Geometry and positions are stored and served in WGS-84 (raw, as devices and surveys give them: legal evidence is
 * never altered). Chinese basemaps (AMap, Tencent…) draw in GCJ-02, so on such a basemap the overlays are shifted
 * to match it here, at display time only. Tianditu and the plain background are WGS-84: nothing to do.
 */
export function convertForBasemap<G extends Geometry, P>(
  data: FeatureCollection<G, P>,
  tileCrs: TileCrs,
): FeatureCollection<G, P> {
  if (tileCrs !== 'gcj02') return data;
  // gcoord converts in place: work on a copy so cached query data stays WGS-84.
  const copy = structuredClone(data);
  gcoord.transform(copy as unknown as Parameters<typeof gcoord.transform>[0], gcoord.WGS84, gcoord.GCJ02);
  return copy;
}

/** A stored WGS-84 point as [lat, lon] on the basemap. */
export function toDisplayLatLng(lat: number, lon: number, tileCrs: TileCrs): [number, number] {
  if (tileCrs !== 'gcj02') return [lat, lon];
  const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02);
  return [y, x];
}

/** A point clicked on the basemap back to WGS-84 [lat, lon] (for storing). */
export function fromDisplayLatLng(lat: number, lon: number, tileCrs: TileCrs): [number, number] {
  if (tileCrs !== 'gcj02') return [lat, lon];
  const [x, y] = gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84);
  return [y, x];
}
