import type { FeatureCollection, Geometry } from 'geojson';
import type { TileCrs } from '../hooks/usePlatformConfig';

/**
 * Geometry is stored and served in WGS-84. Chinese basemaps (AMap, Tencent…) draw in GCJ-02, so on such a
 * basemap the overlays must be shifted to match it. That conversion needs `gcoord`, which is not a dependency
 * yet: this hook is where it goes. Until then overlays are drawn unshifted (up to a few hundred metres off on a
 * GCJ-02 basemap; exact on WGS-84 basemaps such as Tianditu and on the plain background).
 */
export function convertForBasemap<G extends Geometry, P>(
  data: FeatureCollection<G, P>,
  tileCrs: TileCrs,
): FeatureCollection<G, P> {
  if (tileCrs === 'gcj02') {
    // TODO(gcoord): return gcoord.transform(data, gcoord.WGS84, gcoord.GCJ02)
    return data;
  }
  return data;
}
