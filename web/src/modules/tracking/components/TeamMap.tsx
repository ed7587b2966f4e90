/**
 * The map of the tracking pages: the team's area, communities and grids from the org API (drawn by the shared
 * GeoMap, on a plain background when no tiles are configured), plus the page's own overlays added to the Leaflet
 * map it hands out. Imports Leaflet: only lazy route pages use it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import L from 'leaflet';
import type { PathOptions } from 'leaflet';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import GeoMap from '../../../shared/map/GeoMap';
import { toDisplayLatLng } from '../../../shared/map/crs';
import { usePlatformConfig, type TileCrs } from '../../../shared/hooks/usePlatformConfig';
import { kindLabel } from '../../../shared/labels';
import { useOrgMap, type OrgFeatureProps } from '../../../shared/org';
import type { DeviceKind } from '../api';
import { KIND_COLORS, OFFLINE_COLOR } from '../format';
import i18n from '../../../shared/i18n';
import './tracking.css';

function styleFor(p: OrgFeatureProps): PathOptions {
  if (p.kind === 'grid' || p.kind === 'community') {
    return { color: '#d4761c', fillColor: '#fa8c16', weight: 1, dashArray: '3 3', fillOpacity: 0.02, opacity: 0.7 };
  }
  if (p.kind === 'team') return { color: '#1f5fbf', fillColor: '#1f5fbf', weight: 2, fillOpacity: 0.06, opacity: 0.9 };
  return { color: '#595959', fillColor: '#8c8c8c', weight: 2, fillOpacity: 0.01, opacity: 0.8 };
}
const LAYER_ORDER: Record<string, number> = { bureau: 0, detachment: 0, district: 1, team: 2, community: 3, grid: 4 };

export interface MapContext {
  map: L.Map;
  crs: TileCrs;
  /** Stored WGS-84 → basemap [lat, lon]. */
  ll: (lat: number, lon: number) => L.LatLngTuple;
}

export function TeamMap({
  teamId,
  height,
  fitToData = true,
  onMap,
  testId = 'tracking-map',
}: {
  /** The team whose areas are drawn; none = every area in the user's scope. */
  teamId: string | undefined;
  height: number | string;
  fitToData?: boolean;
  onMap: (ctx: MapContext | null) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const config = usePlatformConfig();
  const orgMap = useOrgMap(teamId);
  const crs: TileCrs = config.data?.tileCrs ?? 'wgs84';
  const tiles = useMemo(
    () => ({ url: config.data?.tileUrl ?? null, attribution: config.data?.tileAttribution ?? null, crs }),
    [config.data, crs],
  );
  const [map, setMap] = useState<L.Map | null>(null);
  const onReady = useCallback((m: L.Map | null) => setMap(m), []);
  const onMapRef = useRef(onMap);
  onMapRef.current = onMap;
  // Hand the map out once both it and the basemap's CRS are known.
  const configPending = config.isPending;
  useEffect(() => {
    if (!map || configPending) return;
    if (!map.getPane('tracks')) {
      const pane = map.createPane('tracks');
      pane.style.zIndex = '450';
    }
    onMapRef.current({ map, crs, ll: (lat, lon) => toDisplayLatLng(lat, lon, crs) });
    return () => onMapRef.current(null);
  }, [map, crs, configPending]);

  const labelFor = (p: OrgFeatureProps) => `${p.name}（${kindLabel(t, p.kind)}）`;
  return (
    <div data-testid={testId}>
      <GeoMap<OrgFeatureProps>
        data={orgMap.data}
        styleFor={styleFor}
        labelFor={labelFor}
        tiles={tiles}
        height={height}
        fitToData={fitToData}
        zIndexFor={(p) => LAYER_ORDER[p.kind] ?? 2}
        onMapReady={onReady}
      />
      {!tiles.url && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('org.noTiles')}
        </Typography.Text>
      )}
    </div>
  );
}


/** A device marker (divIcon): colour by kind when online, grey when offline; shape by kind. */
export function deviceIcon(opts: { id: string; kind: DeviceKind; online: boolean; selected?: boolean; ghost?: boolean; color?: string; lat?: number; lon?: number; testId?: string }): L.DivIcon {
  const color = opts.color ?? (opts.online ? KIND_COLORS[opts.kind] : OFFLINE_COLOR);
  const cls = ['trk-marker', `trk-${opts.kind}`, opts.online ? 'trk-on' : 'trk-off', opts.selected ? 'trk-sel' : '', opts.ghost ? 'trk-ghost' : ''].filter(Boolean).join(' ');
  const attrs = [
    `data-testid="${opts.testId ?? 'tracking-marker'}"`,
    `data-device-id="${opts.id}"`,
    `data-online="${opts.online ? 'true' : 'false'}"`,
    opts.lat !== undefined ? `data-lat="${opts.lat.toFixed(6)}"` : '',
    opts.lon !== undefined ? `data-lon="${opts.lon.toFixed(6)}"` : '',
  ].join(' ');
  return L.divIcon({
    className: 'trk-marker-wrap',
    html: `<div class="${cls}" style="background:${color}" ${attrs}><span>${escapeHtml(i18n.t(`tracking.kindLetters.${opts.kind}`, { defaultValue: '•' }))}</span></div>`,
    iconSize: [22, 22],
    iconAnchor: [11, 11],
  });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
