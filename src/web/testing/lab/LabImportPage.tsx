import { useState } from 'react';
import { Alert, Button, Card, Form, Select, Table, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ResultsSummary } from '../../../shared/api/testing.js';
import { ApiError, api, rowErrorsOf, type RowError } from '../../api/client';
import ErrorAlert from '../../components/ErrorAlert';
import PageTitle from '../../components/PageTitle';
import { appendFiles } from '../../components/FilePicker';
import { useFormSubmit } from '../../components/useFormSubmit';
import { testRow } from '../../cases/domProps';
import TestingTabs from '../TestingTabs';
import { downloadText, templateCsv } from './labTemplate';
import { useLabs } from './parts';
import SummaryCounts from './SummaryCounts';

const COLUMNS = ['code', 'testType', 'result', 'ctValue', 'testedAt'] as const;
// The server lists at most this many problems; the count in its message is the whole.
const LISTED = 500;

interface Values {
  file: UploadFile[];
  labId?: number;
}

/** The rows a lab's file was refused for: row number as the spreadsheet shows it, the column and why. */
function ProblemRows({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const rows = rowErrorsOf(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="lab-import-errors"
      title={error.message}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t('labWeb.import.errorsHint')} {rows.length >= LISTED && t('labWeb.import.errorsCapped', { shown: LISTED })}
          </Typography.Paragraph>
          <Table<RowError>
            size="small"
            rowKey={(r, i) => `${r.row}-${r.field ?? ''}-${i}`}
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            aria-label={t('labWeb.import.errorsHint')}
            onRow={(r) => testRow('lab-import-error-row', { 'data-row': r.row, 'data-field': r.field ?? '' })}
            columns={[
              { title: t('labWeb.import.row'), dataIndex: 'row', width: 80 },
              { title: t('labWeb.import.field'), dataIndex: 'field', width: 180, render: (f?: string) => (f ? t(`labWeb.fields.${f}`, { defaultValue: f }) : '') },
              { title: t('labWeb.import.reason'), dataIndex: 'message' },
            ]}
          />
        </>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** A lab's CSV/XLSX export: recorded whole or refused with every problem row, idempotent. */
export default function LabImportPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const labs = useLabs();
  const [form] = Form.useForm<Values>();
  // A file refused for its rows is never put on a field (placeServerError keeps it for the table).
  const { busy, error, run } = useFormSubmit(form, ['file', 'labId']);
  const [done, setDone] = useState<{ name: string; summary: ResultsSummary } | null>(null);

  async function submit(v: Values) {
    setDone(null);
    const body = new FormData();
    if (v.labId) body.append('labId', String(v.labId));
    appendFiles(body, 'file', v.file);
    await run(async () => {
      const summary = await api.post<ResultsSummary>('/testing/results/import', body);
      setDone({ name: v.file[0]?.name ?? '', summary });
      form.resetFields(['file']);
      await qc.invalidateQueries({ queryKey: ['testing'] });
    });
  }

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => downloadText(templateCsv(t('labWeb.import.templateHeaders')), t('labWeb.import.templateName'))} data-testid="lab-import-template">
            {t('labWeb.import.template')}
          </Button>
        }
      >
        {t('labWeb.import.title')}
      </PageTitle>
      <TestingTabs />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph>{t('labWeb.import.intro')}</Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" name="lab-import" onFinish={(v) => void submit(v)} style={{ maxWidth: 560 }}>
          <Form.Item
            name="file"
            label={t('labWeb.import.file')}
            extra={t('labWeb.import.fileHint')}
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
            rules={[{ required: true, message: t('labWeb.import.fileRequired') }]}
          >
            <Upload accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" maxCount={1} beforeUpload={() => false} data-testid="lab-import-file">
              <Button icon={<UploadOutlined />}>{t('labWeb.import.chooseFile')}</Button>
            </Upload>
          </Form.Item>
          {(labs.data?.length ?? 0) > 0 && (
            <Form.Item name="labId" label={t('labWeb.fields.labId')} extra={t('labWeb.import.labHint')}>
              <Select<number> allowClear options={(labs.data ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${l.name}` }))} data-testid="lab-import-lab" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="lab-import-submit">
            {t('labWeb.import.submit')}
          </Button>
        </Form>
      </Card>
      <div aria-live="polite">
        {error instanceof ApiError && rowErrorsOf(error).length > 0 ? <ProblemRows error={error} /> : <ErrorAlert error={error} />}
        {done && (
          <Alert
            type={done.summary.applied > 0 ? 'success' : 'info'}
            showIcon
            data-testid="lab-import-summary"
            data-applied={done.summary.applied}
            data-already={done.summary.alreadyImported ? '1' : '0'}
            title={t('labWeb.import.done', { name: done.name })}
            description={
              <>
                {done.summary.alreadyImported && <Typography.Paragraph>{t('labWeb.import.already', { id: done.summary.importId })}</Typography.Paragraph>}
                {!done.summary.alreadyImported && done.summary.applied === 0 && <Typography.Paragraph>{t('labWeb.import.nothingNew')}</Typography.Paragraph>}
                <SummaryCounts summary={done.summary} />
              </>
            }
            style={{ marginBottom: 16 }}
          />
        )}
      </div>
      <Card title={t('labWeb.import.columnsTitle')} size="small">
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: 760 }}
          dataSource={COLUMNS.map((key) => ({ key }))}
          columns={[
            { title: t('labWeb.import.column'), key: 'names', width: 280, render: (_, c) => <Typography.Text strong>{t(`labWeb.import.columns.${c.key}.names`)}</Typography.Text> },
            { title: t('labWeb.import.values'), key: 'values', render: (_, c) => t(`labWeb.import.columns.${c.key}.values`) },
            { title: t('labWeb.import.required'), key: 'required', width: 170, render: (_, c) => (c.key === 'ctValue' ? t('labWeb.import.ctOnlyPositive') : t('labWeb.import.yes')) },
          ]}
        />
      </Card>
    </>
  );
}
