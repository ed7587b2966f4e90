import { useState } from 'react';
import { App, Button, Empty, Image, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client';
import { errorIssueText, errorText } from '../../../shared/api/errors';
import { useUploadPhoto, type Photo, type Room, type Signage } from '../api';

/** Thumbnails of a room's or sign's photos, with an upload button when the record allows it. */
export function PhotoStrip({ ledger, record, editable }: { ledger: 'rooms' | 'signage'; record: Room | Signage; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadPhoto(ledger);
  const [added, setAdded] = useState<Photo[]>([]);
  const photos = [...record.photos, ...added.filter((a) => !record.photos.some((p) => p.id === a.id))];
  return (
    <div data-testid="ledger-photos">
      <Typography.Title level={5}>{t('ledger.photos')}</Typography.Title>
      {photos.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.noPhotos')} />
      ) : (
        <Image.PreviewGroup>
          <Space wrap>
            {photos.map((p) => (
              <Image key={p.id} src={p.url} width={96} height={72} style={{ objectFit: 'cover' }} alt={p.fileName} />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {editable && (
        <div style={{ marginTop: 12 }}>
          <Upload
            accept=".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp"
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(
                { id: record.id, file },
                {
                  onSuccess: (p) => {
                    setAdded((list) => [...list, p]);
                    message.success(t('ledger.photoUploaded'));
                  },
                  // A refused photo names why in its issue (type, size with the limit); other failures by their code.
                  onError: (e) => message.error(e instanceof ApiError && e.issues[0] ? errorIssueText(e, e.issues[0]) : errorText(t, e)),
                },
              );
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="ledger-photo-upload">
              {t('ledger.uploadPhoto')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {t('ledger.photoHint')}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

/** Small thumbnails for a table cell. */
export function PhotoThumbs({ photos }: { photos: Photo[] }) {
  if (photos.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space size={4}>
        {photos.slice(0, 3).map((p) => (
          <Image key={p.id} src={p.url} width={40} height={30} style={{ objectFit: 'cover' }} alt={p.fileName} />
        ))}
        {photos.length > 3 && <Typography.Text type="secondary">+{photos.length - 3}</Typography.Text>}
      </Space>
    </Image.PreviewGroup>
  );
}
