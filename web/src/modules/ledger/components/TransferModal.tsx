import { Alert, App, Button, Form, Input, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrors } from '../../../shared/api/errors';
import { useTransfer, useTransfers, type Asset, type Transfer } from '../api';
import { UnitPicker } from './UnitPicker';
import { validValues } from '../../../shared/forms';

/** Transfer an asset to another team (when allowed) and its transfer history. */
export function TransferModal({ asset, onClose }: { asset: Asset | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ toUnitId: string; reason: string }>();
  const history = useTransfers(asset?.id);
  const transfer = useTransfer();
  const canTransfer = !!asset?.actions.includes('transfer');
  const toUnitId = Form.useWatch('toUnitId', form);

  const submit = async () => {
    if (!asset) return;
    const v = await validValues(form);
    if (!v) return;
    try {
      await transfer.mutateAsync({ id: asset.id, ...v });
      message.success(t('ledger.transfer.done'));
      form.resetFields();
      onClose();
    } catch (e) {
      const f = fieldErrors(e, ['toUnitId', 'reason'] as const);
      if (f.length) form.setFields(f);
      else message.error(errorText(t, e));
    }
  };

  return (
    <Modal
      open={!!asset}
      title={asset ? t('ledger.transfer.title', { serial: asset.serial }) : ''}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={
        canTransfer
          ? [
              <Button key="c" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={transfer.isPending} onClick={() => void submit()} data-testid="ledger-transfer-submit">
                {t('ledger.transfer.submit')}
              </Button>,
            ]
          : null
      }
    >
      <div data-testid="ledger-transfer">
        {asset && <Alert type="info" showIcon title={`${asset.orgUnitName} · ${asset.serial}`} style={{ marginBottom: 12 }} />}
        {canTransfer && (
          <Form form={form} layout="vertical">
            <Form.Item name="toUnitId" label={t('ledger.transfer.toUnit')} rules={[{ required: true, message: t('common.required') }]}>
              <UnitPicker value={toUnitId} onChange={(v) => form.setFieldValue('toUnitId', v)} teamsOnly width="100%" />
            </Form.Item>
            <Form.Item name="reason" label={t('ledger.transfer.reason')} rules={[{ required: true, message: t('common.required') }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Form>
        )}
        <Typography.Title level={5}>{t('ledger.transfer.history')}</Typography.Title>
        <Table<Transfer>
          size="small"
          rowKey="id"
          loading={history.isPending}
          dataSource={history.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('ledger.transfer.empty') }}
          columns={[
            { title: t('ledger.transfer.at'), dataIndex: 'at', key: 'at', width: 160, render: (v: string) => new Date(v).toLocaleString() },
            { title: t('ledger.transfer.from'), dataIndex: 'fromUnitName', key: 'from' },
            { title: t('ledger.transfer.to'), dataIndex: 'toUnitName', key: 'to' },
            { title: t('ledger.transfer.reason'), dataIndex: 'reason', key: 'reason' },
            { title: t('ledger.transfer.actor'), dataIndex: 'actorName', key: 'actor', width: 100 },
          ]}
        />
      </div>
    </Modal>
  );
}
