import { Button, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';

/** Picks one .xlsx file and keeps it in the caller's state (nothing is uploaded until the caller sends it). */
export function XlsxFilePicker({ file, onChange, label, testId }: { file: File | null; onChange: (f: File | null) => void; label: string; testId?: string }) {
  return (
    <Upload
      accept=".xlsx"
      maxCount={1}
      beforeUpload={(f) => {
        onChange(f);
        return false;
      }}
      onRemove={() => onChange(null)}
      fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
    >
      <Button icon={<UploadOutlined />} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
}
