import { Alert, Button, Card, Space, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useVerifyChain } from '../api';

export function ChainStatusCard({ canVerify }: { canVerify: boolean }) {
  const { t } = useTranslation();
  const verify = useVerifyChain();
  const r = verify.data;

  return (
    <Card size="small" title={t('audit.chain')} style={{ marginBottom: 16 }} data-testid="chain-status">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('audit.chainHint')}</Typography.Text>
        {canVerify && (
          <Button icon={<SafetyOutlined />} onClick={() => verify.mutate()} loading={verify.isPending} data-testid="chain-verify">
            {t('audit.verify')}
          </Button>
        )}
        {verify.isError && <Alert type="error" showIcon title={errorText(t, verify.error)} />}
        {r && r.ok && (
          <Alert type="success" showIcon title={t('audit.chainOk', { count: r.checked })} data-testid="chain-ok" />
        )}
        {r && !r.ok && (
          <Alert
            type="error"
            showIcon
            data-testid="chain-broken"
            title={t('audit.chainBroken', { seq: r.firstBroken?.seq ?? '?', reason: r.firstBroken?.reason ?? '' })}
          />
        )}
      </Space>
    </Card>
  );
}
