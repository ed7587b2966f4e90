import { useCallback, useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import { Alert, Button, Space, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import GeoMap from '../../../shared/map/GeoMap';
import { fromDisplayLatLng, toDisplayLatLng } from '../../../shared/map/crs';
import { usePlatformConfig } from '../../../shared/hooks/usePlatformConfig';

export interface Point {
  lat: number;
  lon: number;
}

/**
 * Where the problem is: the browser's position, or a tap on the map (the app's one map wrapper; tiles when the
 * deployment configures them). Always WGS-84 out: a tap on a GCJ-02 basemap is converted back before it is kept.
 */
export default function LocationPicker({ value, onChange }: { value: Point | null; onChange: (p: Point) => void }) {
  const { t } = useTranslation();
  const cfg = usePlatformConfig().data;
  const tileCrs = cfg?.tileCrs ?? 'wgs84';
  const [map, setMap] = useState<L.Map | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoFailed, setGeoFailed] = useState(false);
  const marker = useRef<L.CircleMarker | null>(null);
  const cb = useRef(onChange);
  cb.current = onChange;

  const onReady = useCallback((m: L.Map | null) => setMap(m), []);

  useEffect(() => {
    if (!map) return;
    const click = (e: L.LeafletMouseEvent) => {
      const [lat, lon] = fromDisplayLatLng(e.latlng.lat, e.latlng.lng, tileCrs);
      cb.current({ lat: round(lat), lon: round(lon) });
    };
    map.on('click', click);
    return () => {
      map.off('click', click);
    };
  }, [map, tileCrs]);

  useEffect(() => {
    if (!map) return;
    marker.current?.remove();
    marker.current = null;
    if (!value) return;
    const at = toDisplayLatLng(value.lat, value.lon, tileCrs);
    marker.current = L.circleMarker(at, { radius: 9, color: '#d4380d', weight: 3, fillColor: '#ff7a45', fillOpacity: 0.8 }).addTo(map);
    if (!map.getBounds().contains(at)) map.setView(at, Math.max(map.getZoom(), 15));
  }, [map, value, tileCrs]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeoFailed(true);
      return;
    }
    setLocating(true);
    setGeoFailed(false);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const p = { lat: round(pos.coords.latitude), lon: round(pos.coords.longitude) };
        cb.current(p);
        map?.setView(toDisplayLatLng(p.lat, p.lon, tileCrs), 17);
      },
      () => {
        setLocating(false);
        setGeoFailed(true);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
      <Button icon={<AimOutlined />} loading={locating} onClick={locate} block data-testid="report-locate">
        {locating ? t('servicePublic.locating') : t('servicePublic.useMyLocation')}
      </Button>
      {geoFailed && <Alert type="warning" showIcon title={t('servicePublic.geoFailed')} />}
      <Typography.Text type="secondary">{t('servicePublic.pickOnMap')}</Typography.Text>
      <GeoMap data={undefined} styleFor={() => ({})} tiles={cfg ? { url: cfg.tileUrl, attribution: cfg.tileAttribution, crs: tileCrs } : undefined} height={260} fitToData={false} onMapReady={onReady} testId="report-map" />
      <Typography.Text data-testid="report-location" type={value ? undefined : 'secondary'}>
        {value ? t('servicePublic.locationPicked', { lat: value.lat.toFixed(5), lon: value.lon.toFixed(5) }) : t('servicePublic.locationMissing')}
      </Typography.Text>
    </Space>
  );
}

/** Six decimals: about 0.1 m, more than any phone or tap gives. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;
