import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { kindLabel } from '../../../shared/labels';
import type { OrgUnit } from '../api';

export function OrgDetails({ unit, path }: { unit: OrgUnit; path: readonly OrgUnit[] }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      data-testid="org-details"
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3 }}
      bordered
      items={[
        {
          key: 'name',
          label: t('org.name'),
          span: 'filled',
          children: (
            <span>
              <strong data-testid="org-details-name">{unit.name}</strong>
              {unit.isDemo && (
                <Tag color="gold" style={{ marginInlineStart: 8 }} data-testid="org-demo-tag">
                  {t('app.demo')}
                </Tag>
              )}
              {path.length > 0 && (
                <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{path.map((p) => p.name).join(' / ')}</div>
              )}
            </span>
          ),
        },
        { key: 'shortName', label: t('org.shortName'), children: unit.shortName ?? '—' },
        { key: 'code', label: t('org.code'), children: <code>{unit.code}</code> },
        { key: 'kind', label: t('org.kind'), children: <span data-testid="org-details-kind">{kindLabel(t, unit.kind)}</span> },
        {
          key: 'validity',
          label: t('org.validity'),
          children: `${unit.validFrom} ~ ${unit.validTo ?? t('org.openEnded')}`,
        },
        { key: 'version', label: t('org.version'), children: unit.version },
        { key: 'note', label: t('org.note'), span: 'filled', children: unit.note ?? '—' },
      ]}
    />
  );
}
