/**
 * The one map wrapper of the web app (Leaflet). It renders GeoJSON polygons on a plain background and only adds
 * a tile layer when a tile URL is configured: the app must be useful without internet tiles.
 *
 * Import it lazily (it pulls Leaflet in): pages that use it are route-level chunks.
 */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { TileCrs } from '../hooks/usePlatformConfig';
import { convertForBasemap } from './crs';

export interface GeoMapTiles {
  url: string | null;
  attribution: string | null;
  crs: TileCrs;
}

export interface GeoMapProps<P extends { id: string }> {
  data: FeatureCollection<Geometry, P> | undefined;
  /** Path style per feature; `selected` is true for the feature whose id is `selectedId`. */
  styleFor: (props: P, selected: boolean) => L.PathOptions;
  /** Tooltip text per feature. */
  labelFor?: (props: P) => string;
  selectedId?: string | null;
  /** Ids to zoom to when the selected id has no polygon of its own (e.g. a district: its teams). */
  focusIds?: ReadonlySet<string> | null;
  onSelect?: (id: string) => void;
  tiles?: GeoMapTiles;
  height?: number | string;
  /** Features drawn first end up below: lower `zIndexFor` draws first. */
  zIndexFor?: (props: P) => number;
  /** Zoom to the polygons when they (re)load (default true); pages that frame their own overlays turn it off. */
  fitToData?: boolean;
  /**
   * The Leaflet map once created (and null when it is removed): pages add their own overlays (markers, tracks)
   * to it. Overlays in stored WGS-84 go through `toDisplayLatLng` (./crs.ts) first.
   */
  onMapReady?: (map: L.Map | null) => void;
  testId?: string;
}

const PLAIN_BACKGROUND = '#eef2f6';

export default function GeoMap<P extends { id: string }>(props: GeoMapProps<P>) {
  const { data, styleFor, labelFor, selectedId, focusIds, onSelect, tiles, height = 420, zIndexFor, fitToData = true, onMapReady, testId = 'geo-map' } = props;
  const containerRef = useRef<HTMLDivElement | null>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.GeoJSON | null>(null);
  const layersById = useRef(new Map<string, L.Path[]>());
  // Latest callbacks without re-creating layers on every render.
  const cb = useRef({ styleFor, onSelect, labelFor, onMapReady, zIndexFor });
  cb.current = { styleFor, onSelect, labelFor, onMapReady, zIndexFor };
  const fitRef = useRef(fitToData);
  fitRef.current = fitToData;
  const selectedRef = useRef<string | null | undefined>(selectedId);
  selectedRef.current = selectedId;

  // Create the map once.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const map = L.map(el, {
      center: [32.0, 120.9],
      zoom: 11,
      zoomControl: true,
      attributionControl: true,
      preferCanvas: false,
      zoomSnap: 0.25,
    });
    map.attributionControl.setPrefix(false);
    mapRef.current = map;
    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(el);
    cb.current.onMapReady?.(map);
    return () => {
      ro.disconnect();
      cb.current.onMapReady?.(null);
      map.remove();
      mapRef.current = null;
      layerRef.current = null;
    };
  }, []);

  // Optional tile layer.
  const tileUrl = tiles?.url ?? null;
  const tileAttribution = tiles?.attribution ?? null;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !tileUrl) return;
    const layer = L.tileLayer(tileUrl, { attribution: tileAttribution ?? undefined, maxZoom: 19 });
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [tileUrl, tileAttribution]);

  // Polygons.
  const tileCrs = tiles?.crs ?? 'wgs84';
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !data) return;
    const shown = convertForBasemap(data, tileCrs);
    const features = [...shown.features];
    if (zIndexFor) features.sort((a, b) => zIndexFor(a.properties) - zIndexFor(b.properties));
    layersById.current = new Map();
    const layer = L.geoJSON({ type: 'FeatureCollection', features } as FeatureCollection, {
      style: (f) => {
        const p = (f as Feature<Geometry, P>).properties;
        return cb.current.styleFor(p, p.id === selectedRef.current);
      },
      onEachFeature: (f, l) => {
        const p = (f as Feature<Geometry, P>).properties;
        const list = layersById.current.get(p.id) ?? [];
        list.push(l as L.Path);
        layersById.current.set(p.id, list);
        const label = cb.current.labelFor?.(p);
        if (label) l.bindTooltip(label, { sticky: true, direction: 'top' });
        l.on('click', () => cb.current.onSelect?.(p.id));
      },
    });
    layer.addTo(map);
    layerRef.current = layer;
    const bounds = layer.getBounds();
    if (fitRef.current && bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
    return () => {
      layer.remove();
      layerRef.current = null;
    };
    // zIndexFor is a stable ordering hint: re-layering when only its identity changes is not needed.
  }, [data, tileCrs]);

  // Selection: restyle, bring to front, zoom.
  useEffect(() => {
    const map = mapRef.current;
    const layer = layerRef.current;
    if (!map || !layer) return;
    layer.eachLayer((l) => {
      const path = l as L.Path & { feature?: Feature<Geometry, P> };
      const p = path.feature?.properties;
      if (!p) return;
      path.setStyle(cb.current.styleFor(p, p.id === selectedId));
    });
    if (!selectedId) return;
    const own = layersById.current.get(selectedId);
    let target: L.LatLngBounds | null = null;
    const extend = (paths: L.Path[]) => {
      for (const p of paths) {
        const b = (p as L.Polygon).getBounds?.();
        if (!b || !b.isValid()) continue;
        target = target ? target.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
      }
    };
    if (own) {
      for (const p of own) p.bringToFront();
      // Layers drawn above the selection's (grids over a selected team) go back on top: otherwise the selected
      // polygon covers them and a click inside it can never reach a grid.
      const z = cb.current.zIndexFor;
      const ownZ = z ? (own[0] as L.Path & { feature?: Feature<Geometry, P> }).feature?.properties : undefined;
      if (z && ownZ) {
        const above: { path: L.Path; z: number }[] = [];
        layer.eachLayer((l) => {
          const path = l as L.Path & { feature?: Feature<Geometry, P> };
          const p = path.feature?.properties;
          if (p && p.id !== selectedId && z(p) > z(ownZ)) above.push({ path, z: z(p) });
        });
        above.sort((a, b) => a.z - b.z);
        for (const a of above) a.path.bringToFront();
      }
      extend(own);
    } else if (focusIds) {
      for (const id of focusIds) extend(layersById.current.get(id) ?? []);
    }
    const t = target as L.LatLngBounds | null;
    if (t && t.isValid()) map.flyToBounds(t, { padding: [40, 40], duration: 0.4, maxZoom: 14 });
  }, [selectedId, focusIds, data]);

  return (
    <div
      ref={containerRef}
      className="guifan-map"
      data-testid={testId}
      style={{ height, width: '100%', background: PLAIN_BACKGROUND, borderRadius: 6 }}
    />
  );
}
