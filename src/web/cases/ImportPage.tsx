import { useDownload } from '../components/useDownload';
import { useState } from 'react';
import { Button, Card, Form, Typography, type UploadFile } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import FilePicker, { appendFiles } from '../components/FilePicker';
import ImportOutcome, { ImportCounts } from '../components/ImportOutcome';
import PageTitle from '../components/PageTitle';
import { useFormSubmit } from '../components/useFormSubmit';
import CasesTabs from './CasesTabs';

type Imported = { rows: number; created: number; existing: number; peopleCreated: number };

/** A field tracer's contact list (XLSX on the template): each row an exposure; bad rows listed with their problem. */
export default function ImportPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ file: UploadFile[] }>();
  const { busy, error, run } = useFormSubmit(form, ['file']);
  const [result, setResult] = useState<Imported | null>(null);
  const templateFile = useDownload();

  async function submit(v: { file: UploadFile[] }) {
    setResult(null);
    const body = new FormData();
    appendFiles(body, 'file', v.file);
    await run(async () => {
      setResult(await api.post<Imported>('/tracing/import', body));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['cases'] });
    });
  }


  return (
    <>
      <PageTitle
        extra={
          <Button icon={<DownloadOutlined />} loading={templateFile.busy} onClick={() => void templateFile.download('/tracing/import/template', undefined, 'mau-danh-sach-tiep-xuc.xlsx')} data-testid="import-template">
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
        <ImportOutcome error={error ?? templateFile.error}>
          {result && <ImportCounts title={t('casesUi.import.done')} keys={['rows', 'created', 'existing', 'peopleCreated']} counts={result} label={(k) => t(`casesUi.import.count.${k}`)} />}
        </ImportOutcome>
      </Card>
    </>
  );
}
