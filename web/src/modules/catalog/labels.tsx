import { Tag } from 'antd';
import type { TFunction } from 'i18next';

const STATUS_COLORS: Record<string, string> = { draft: 'orange', published: 'green', superseded: 'default' };
const ORIGIN_COLORS: Record<string, string> = { base: 'default', tightened: 'orange', added: 'blue', own: 'default' };

export function VersionStatusTag({ t, status }: { t: TFunction; status: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{t(`catalog.status.${status}`, { defaultValue: status })}</Tag>;
}

/** Origin of a node in a local profile: 继承 / 收紧 / 新增 (nothing for a standard's own nodes). */
export function OriginTag({ t, origin }: { t: TFunction; origin: string }) {
  if (origin === 'own') return null;
  return (
    <Tag color={ORIGIN_COLORS[origin] ?? 'default'} data-origin={origin} style={{ marginInlineEnd: 0 }}>
      {t(`catalog.origin.${origin}`, { defaultValue: origin })}
    </Tag>
  );
}

export function methodLabel(t: TFunction, method: string | null): string {
  return method ? t(`catalog.methods.${method}`, { defaultValue: method }) : '—';
}
