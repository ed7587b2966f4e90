import { useMemo, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Form, Modal, Radio, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { PathOptions } from 'leaflet';
import { useTranslation } from 'react-i18next';
import GeoMap from '../../../shared/map/GeoMap';
import { usePlatformConfig } from '../../../shared/hooks/usePlatformConfig';
import { errorText } from '../../../shared/api/errors';
import { useOrgUnits, useAreaImport, type AreaChange, type AreaImportPreview, type AreaImportQuery, type AreaProblem } from '../api';

type Crs = AreaImportQuery['crs'];
type MapProps = AreaImportPreview['map']['features'][number]['properties'] & { id: string };

const CREATE = { color: '#389e0d', fillColor: '#52c41a' };
const UPDATE = { color: '#1f5fbf', fillColor: '#1f5fbf' };

function styleFor(p: MapProps, selected: boolean): PathOptions {
  const c = p.action === 'create' ? CREATE : UPDATE;
  return { ...c, weight: selected ? 3 : 2, fillOpacity: selected ? 0.35 : 0.15, opacity: 0.95 };
}

/**
 * 辖区与网格导入: upload a GeoJSON or a zipped Shapefile, choose its coordinate system and how features map to units,
 * preview (nothing written) and apply. Apply is offered only for the file and settings just previewed without
 * errors; the server checks everything again anyway.
 */
export default function OrgAreaImportPage() {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const config = usePlatformConfig();
  const { preview, apply } = useAreaImport();
  const [file, setFile] = useState<File | null>(null);
  const [crs, setCrs] = useState<Crs>('wgs84');
  const [codeProperty, setCodeProperty] = useState('code');
  const [nameProperty, setNameProperty] = useState('');
  const [gridTeamCode, setGridTeamCode] = useState<string>('');
  // The settings the shown preview was made with: a change of file or setting asks for a new preview.
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const query: AreaImportQuery = {
    crs,
    codeProperty: codeProperty.trim(),
    ...(nameProperty.trim() ? { nameProperty: nameProperty.trim() } : {}),
    ...(gridTeamCode ? { gridTeamCode } : {}),
  };
  const settingsKey = file ? JSON.stringify([file.name, file.size, file.lastModified, query]) : null;
  const result = preview.data;
  const current = result !== undefined && previewed === settingsKey;

  const teams = useMemo(() => (units.data?.items ?? []).filter((u) => u.kind === 'team' && !u.validTo && u.actions.includes('createChild')), [units.data]);
  const propertyOptions = (result?.properties ?? []).map((p) => ({ value: p }));
  const mapData = useMemo(
    () =>
      result
        ? { ...result.map, features: result.map.features.map((f) => ({ ...f, properties: { ...f.properties, id: String(f.properties.featureIndex) } })) }
        : undefined,
    [result],
  );
  const tiles = useMemo(() => ({ url: config.data?.tileUrl ?? null, attribution: config.data?.tileAttribution ?? null, crs: config.data?.tileCrs ?? 'wgs84' }), [config.data]);

  const runPreview = () => {
    if (!file || !settingsKey) return;
    apply.reset();
    preview.mutate({ file, query }, { onSuccess: () => setPreviewed(settingsKey) });
  };
  const runApply = () => {
    if (!file || !result) return;
    const updated = result.changes.filter((c) => c.action === 'update').length;
    Modal.confirm({
      title: t('orgAreas.apply'),
      content: t('orgAreas.applyConfirm', { updated, created: result.changes.length - updated }),
      okText: t('orgAreas.apply'),
      onOk: () => apply.mutateAsync({ file, query }).then(() => setPreviewed(null)),
    });
  };

  const problemColumns = [
    { title: t('orgAreas.colSeverity'), dataIndex: 'severity', width: 80, render: (s: AreaProblem['severity']) => <Tag color={s === 'error' ? 'red' : 'orange'}>{t(`orgAreas.severity.${s}`)}</Tag> },
    { title: t('orgAreas.colFeature'), dataIndex: 'featureIndex', width: 100, render: (i: number | null) => (i === null ? t('orgAreas.wholeFile') : i + 1) },
    { title: t('orgAreas.colUnitCode'), dataIndex: 'unitCode', width: 160, render: (c: string | null) => c ?? '—' },
    { title: t('orgAreas.colProperty'), dataIndex: 'property', width: 120, render: (p: string | null) => p ?? '—' },
    { title: t('orgAreas.colProblem'), key: 'text', render: (_: unknown, p: AreaProblem) => t(`orgAreas.problemText.${p.code}`, { ...p.params, defaultValue: t('errors.generic') }) },
  ];
  const changeColumns = [
    { title: t('orgAreas.colFeature'), dataIndex: 'featureIndex', width: 100, render: (i: number) => i + 1 },
    { title: t('orgAreas.colAction'), dataIndex: 'action', width: 120, render: (a: AreaChange['action']) => <Tag color={a === 'create' ? 'green' : 'blue'}>{t(`orgAreas.actions.${a}`)}</Tag> },
    { title: t('orgAreas.colUnitCode'), dataIndex: 'unitCode', width: 180 },
    { title: t('orgAreas.colName'), dataIndex: 'name' },
    { title: t('orgAreas.colKind'), dataIndex: 'kind', width: 140, render: (k: string) => t(`orgAreas.kinds.${k}`, { defaultValue: k }) },
  ];

  return (
    <Card title={t('orgAreas.title')} data-testid="org-area-import">
      <Typography.Paragraph type="secondary">{t('orgAreas.intro')}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 720 }}>
        <Form.Item label={t('orgAreas.file')} required>
          <Upload
            accept=".json,.geojson,.zip,application/json,application/geo+json,application/zip"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="area-file">
              {t('orgAreas.pickFile')}
            </Button>
          </Upload>
        </Form.Item>
        <Form.Item label={t('orgAreas.crs')} required>
          <Radio.Group value={crs} onChange={(e) => setCrs(e.target.value as Crs)} data-testid="area-crs">
            <Radio value="wgs84">{t('orgAreas.crsWgs84')}</Radio>
            <Radio value="gcj02">{t('orgAreas.crsGcj02')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Space wrap size="large">
          <Form.Item label={t('orgAreas.codeProperty')} required>
            <AutoComplete style={{ width: 200 }} value={codeProperty} onChange={setCodeProperty} options={propertyOptions} data-testid="area-code-property" />
          </Form.Item>
          <Form.Item label={t('orgAreas.nameProperty')}>
            <AutoComplete style={{ width: 200 }} value={nameProperty} onChange={setNameProperty} options={propertyOptions} allowClear data-testid="area-name-property" />
          </Form.Item>
        </Space>
        <Form.Item label={t('orgAreas.gridTeam')}>
          <Select
            style={{ width: 360 }}
            value={gridTeamCode}
            onChange={setGridTeamCode}
            showSearch
            optionFilterProp="label"
            data-testid="area-grid-team"
            options={[{ value: '', label: t('orgAreas.gridTeamNone') }, ...teams.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))]}
          />
        </Form.Item>
        <Space>
          <Button onClick={runPreview} loading={preview.isPending} disabled={!file || !query.codeProperty} data-testid="area-preview">
            {t('orgAreas.preview')}
          </Button>
          <Button type="primary" onClick={runApply} loading={apply.isPending} disabled={!current || result.errorCount > 0 || result.changes.length === 0} data-testid="area-apply">
            {t('orgAreas.apply')}
          </Button>
        </Space>
      </Form>

      {preview.isError && <Alert style={{ marginTop: 16 }} type="error" showIcon title={errorText(t, preview.error)} data-testid="area-error" />}
      {apply.isError && <Alert style={{ marginTop: 16 }} type="error" showIcon title={errorText(t, apply.error)} data-testid="area-error" />}
      {apply.data && (
        <Alert style={{ marginTop: 16 }} type="success" showIcon title={t('orgAreas.applied', { updated: apply.data.updated, created: apply.data.created })} data-testid="area-applied" />
      )}

      {result && !apply.data && (
        <div style={{ marginTop: 16 }} data-testid="area-result">
          <Alert
            type={result.errorCount > 0 ? 'error' : result.warningCount > 0 ? 'warning' : 'success'}
            showIcon
            title={t('orgAreas.summary', { kind: t(`orgAreas.fileKinds.${result.fileKind}`), features: result.featureCount, errors: result.errorCount, warnings: result.warningCount })}
            description={result.errorCount > 0 ? t('orgAreas.hasErrors') : t('orgAreas.noErrors')}
            data-testid="area-summary"
          />
          {result.problems.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('orgAreas.problems')}
              </Typography.Title>
              <Table<AreaProblem>
                size="small"
                rowKey={(_, i) => String(i)}
                columns={problemColumns}
                dataSource={result.problems}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                data-testid="area-problems"
              />
            </>
          )}
          {result.changes.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('orgAreas.changes')}
              </Typography.Title>
              <Table<AreaChange>
                size="small"
                rowKey={(c) => String(c.featureIndex)}
                columns={changeColumns}
                dataSource={result.changes}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                data-testid="area-changes"
              />
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('orgAreas.map')}
              </Typography.Title>
              <GeoMap<MapProps>
                data={mapData}
                styleFor={styleFor}
                labelFor={(p) => `${p.name}（${p.unitCode}）`}
                selectedId={selected}
                onSelect={setSelected}
                tiles={tiles}
                height={420}
                testId="area-map"
              />
            </>
          )}
        </div>
      )}
    </Card>
  );
}
