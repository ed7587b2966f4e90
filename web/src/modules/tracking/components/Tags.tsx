import { Badge, Tag } from 'antd';
import { CameraOutlined, CarOutlined, MobileOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AlertKind, DeviceKind } from '../api';

export function KindIcon({ kind }: { kind: DeviceKind }) {
  if (kind === 'vehicle_terminal') return <CarOutlined />;
  if (kind === 'body_camera') return <CameraOutlined />;
  return <MobileOutlined />;
}

export function DeviceKindTag({ kind }: { kind: DeviceKind }) {
  const { t } = useTranslation();
  return (
    <Tag icon={<KindIcon kind={kind} />} data-testid="tracking-device-kind" data-kind={kind}>
      {t(`tracking.kinds.${kind}`, { defaultValue: kind })}
    </Tag>
  );
}

export function OnlineBadge({ online }: { online: boolean }) {
  const { t } = useTranslation();
  return (
    <span data-testid="tracking-online" data-online={online ? 'true' : 'false'}>
      <Badge status={online ? 'success' : 'default'} text={online ? t('tracking.online') : t('tracking.offline')} />
    </span>
  );
}

const ALERT_COLORS: Record<AlertKind, string> = { offline: 'default', no_movement: 'orange', out_of_area: 'red' };

export function AlertKindTag({ kind }: { kind: AlertKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={ALERT_COLORS[kind] ?? 'default'} data-testid="tracking-alert-kind" data-kind={kind}>
      {t(`tracking.alertKinds.${kind}`, { defaultValue: kind })}
    </Tag>
  );
}

export function DemoTag({ isDemo }: { isDemo: boolean }) {
  const { t } = useTranslation();
  if (!isDemo) return null;
  return (
    <Tag color="gold" style={{ marginInlineStart: 4 }}>
      {t('app.demo')}
    </Tag>
  );
}
