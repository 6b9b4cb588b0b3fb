import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Typography, type UploadFile } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';
import FilePicker, { appendFiles } from '../components/FilePicker';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import CasesTabs from './CasesTabs';

type Imported = { rows: number; created: number; existing: number; peopleCreated: number };

/** A field tracer's contact list (XLSX on the template): each row an exposure; bad rows listed with their problem. */
export default function ImportPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ file: UploadFile[] }>();
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Imported | null>(null);
  const [busy, setBusy] = useState(false);
  const [downloading, setDownloading] = useState(false);

  async function submit(v: { file: UploadFile[] }) {
    setBusy(true);
    setError(null);
    setResult(null);
    const body = new FormData();
    appendFiles(body, 'file', v.file);
    try {
      setResult(await api.post<Imported>('/tracing/import', body));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['cases'] });
    } catch (err) {
      setError(placeServerError(form, err, ['file']));
    } finally {
      setBusy(false);
    }
  }

  async function template() {
    setDownloading(true);
    setError(null);
    try {
      await api.download('/tracing/import/template', undefined, 'mau-danh-sach-tiep-xuc.xlsx');
    } catch (err) {
      setError(err);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void template()} data-testid="import-template">
            {t('casesUi.import.template')}
          </Button>
        }
      >
        {t('casesUi.import.title')}
      </PageTitle>
      <CasesTabs />
      <Card>
        <Typography.Paragraph>{t('casesUi.import.intro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" name="contact-import" onFinish={submit} style={{ maxWidth: 560 }}>
          <Form.Item name="file" label={t('casesUi.import.file')} extra={t('casesUi.import.fileHint')} rules={[{ required: true, message: t('casesUi.import.fileRequired') }]}>
            <FilePicker accept=".xlsx" label={t('ui.common.chooseFile')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="import-submit">
            {t('casesUi.import.submit')}
          </Button>
        </Form>
        <div aria-live="polite" style={{ marginTop: 16 }}>
          <ErrorAlert error={error} />
          {result && (
            <Alert
              type="success"
              showIcon
              title={t('casesUi.import.done')}
              description={
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 2 }}
                  items={(['rows', 'created', 'existing', 'peopleCreated'] as const).map((k) => ({ key: k, label: t(`casesUi.import.count.${k}`), children: formatNumber(result[k]) }))}
                />
              }
            />
          )}
        </div>
      </Card>
    </>
  );
}
