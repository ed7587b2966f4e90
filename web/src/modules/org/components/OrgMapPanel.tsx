import { useMemo } from 'react';
import { Alert, Space, Spin, Typography } from 'antd';
import type { PathOptions } from 'leaflet';
import { useTranslation } from 'react-i18next';
import GeoMap from '../../../shared/map/GeoMap';
import { usePlatformConfig } from '../../../shared/hooks/usePlatformConfig';
import { errorText } from '../../../shared/api/errors';
import { kindLabel } from '../../../shared/labels';
import { useOrgMap, type OrgFeatureProps } from '../api';

const TEAM = { color: '#1f5fbf', fill: '#1f5fbf' };
const GRID = { color: '#d4761c', fill: '#fa8c16' };
const SELECTED = { color: '#cf1322', fill: '#ff4d4f' };
const DISTRICT = { color: '#595959', fill: '#8c8c8c' };

/** Draw order: districts at the bottom, then team areas, then grids on top. */
const LAYER_ORDER: Record<string, number> = { bureau: 0, detachment: 0, district: 1, team: 2, community: 3, grid: 4 };

function styleFor(p: OrgFeatureProps, selected: boolean): PathOptions {
  if (selected) return { color: SELECTED.color, fillColor: SELECTED.fill, weight: 3, fillOpacity: 0.35, opacity: 1 };
  if (p.kind === 'district' || p.kind === 'bureau' || p.kind === 'detachment') {
    return { color: DISTRICT.color, fillColor: DISTRICT.fill, weight: 3, fillOpacity: 0.02, opacity: 0.9 };
  }
  if (p.kind === 'grid' || p.kind === 'community') {
    // Transparent (not `fill: false`) so a click inside a grid still reaches it.
    return { color: GRID.color, fillColor: GRID.fill, weight: 1, dashArray: '3 3', fillOpacity: 0.01, opacity: 0.7 };
  }
  return { color: TEAM.color, fillColor: TEAM.fill, weight: 2, fillOpacity: 0.16, opacity: 0.95 };
}

function Swatch({ color, fill, dashed }: { color: string; fill: string; dashed?: boolean }) {
  return (
    <span
      style={{
        display: 'inline-block',
        width: 16,
        height: 12,
        border: `2px ${dashed ? 'dashed' : 'solid'} ${color}`,
        background: `${fill}33`,
        verticalAlign: 'middle',
        marginInlineEnd: 6,
      }}
    />
  );
}

export function OrgMapPanel({
  selectedId,
  focusIds,
  onSelect,
}: {
  selectedId: string | null;
  focusIds: ReadonlySet<string> | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const map = useOrgMap();
  const config = usePlatformConfig();
  const tiles = useMemo(
    () => ({
      url: config.data?.tileUrl ?? null,
      attribution: config.data?.tileAttribution ?? null,
      crs: config.data?.tileCrs ?? 'wgs84',
    }),
    [config.data],
  );
  const labelFor = (p: OrgFeatureProps) => `${p.name}（${kindLabel(t, p.kind)}）`;

  if (map.isError) return <Alert type="error" showIcon title={errorText(t, map.error)} />;

  return (
    <div data-testid="org-map-panel">
      <Spin spinning={map.isPending || config.isPending}>
        <GeoMap<OrgFeatureProps>
          data={map.data}
          styleFor={styleFor}
          labelFor={labelFor}
          selectedId={selectedId}
          focusIds={focusIds}
          onSelect={onSelect}
          tiles={tiles}
          height={460}
          zIndexFor={(p) => LAYER_ORDER[p.kind] ?? 2}
        />
      </Spin>
      <Space size="large" wrap style={{ marginTop: 8 }} data-testid="org-map-legend">
        <span>
          <Swatch {...DISTRICT} />
          {t('org.legendDistrict')}
        </span>
        <span>
          <Swatch {...TEAM} />
          {t('org.legendTeam')}
        </span>
        <span>
          <Swatch {...GRID} dashed />
          {t('org.legendGrid')}
        </span>
        <span>
          <Swatch {...SELECTED} />
          {t('org.legendSelected')}
        </span>
        {!tiles.url && <Typography.Text type="secondary">{t('org.noTiles')}</Typography.Text>}
        {map.data && map.data.features.length === 0 && (
          <Typography.Text type="secondary">{t('org.noMapData')}</Typography.Text>
        )}
      </Space>
    </div>
  );
}
