import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, type UploadFile } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { BoundaryResult, ImportResult } from '../../shared/api/geo.js';
import { api } from '../api/client';
import FilePicker, { appendFiles } from '../components/FilePicker';
import ImportOutcome, { ImportCounts } from '../components/ImportOutcome';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import { useFormSubmit } from '../components/useFormSubmit';

interface ImportValues {
  file: UploadFile[];
  listVersion: string;
  validFrom: Dayjs;
  mode: 'add' | 'replace';
  provinceCode?: string;
}

function ImportForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<ImportValues>();
  const { busy, error, run } = useFormSubmit(form, ['listVersion', 'validFrom', 'mode', 'provinceCode', 'file']);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function submit(v: ImportValues) {
    setResult(null);
    const body = new FormData();
    body.append('listVersion', v.listVersion);
    body.append('validFrom', v.validFrom.format('YYYY-MM-DD'));
    body.append('mode', v.mode);
    if (v.provinceCode) body.append('provinceCode', v.provinceCode);
    appendFiles(body, 'file', v.file);
    await run(async () => {
      setResult(await api.post<ImportResult>('/units/import', body));
      await qc.invalidateQueries({ queryKey: ['units'] });
    });
  }

  return (
    <Card title={t('ui.units.importTitle')} style={{ marginBottom: 16 }}>
      <Form<ImportValues> form={form} layout="vertical" name="unit-import" onFinish={submit} initialValues={{ mode: 'add' }} style={{ maxWidth: 560 }}>
        <Form.Item name="file" label={t('ui.units.importFiles')} extra={t('ui.units.importFilesHint')} rules={[{ required: true, message: t('ui.units.filesRequired') }]}>
          <FilePicker accept=".csv,.xls,.xlsx" multiple label={t('ui.common.chooseFiles')} />
        </Form.Item>
        <Form.Item name="listVersion" label={t('ui.units.listVersion')} extra={t('ui.units.listVersionHint')} rules={[{ required: true, message: t('ui.common.required') }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="validFrom" label={t('ui.units.validFrom')} rules={[{ required: true, message: t('ui.common.required') }]}>
          <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
        </Form.Item>
        <Form.Item name="mode" label={t('ui.units.mode')}>
          <Radio.Group
            options={[
              { value: 'add', label: t('ui.units.modeAdd') },
              { value: 'replace', label: t('ui.units.modeReplace') },
            ]}
          />
        </Form.Item>
        <Form.Item name="provinceCode" label={t('ui.units.provinceCode')} extra={t('ui.units.provinceCodeHint')}>
          <Input maxLength={2} inputMode="numeric" style={{ width: 100 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('ui.units.importSubmit')}
        </Button>
      </Form>
      <ImportOutcome error={error}>
        {result && <ImportCounts title={t('ui.units.importDone')} keys={['provinces', 'districts', 'communes', 'retired']} counts={result} label={(k) => t(`ui.units.count.${k}`)} />}
      </ImportOutcome>
    </Card>
  );
}

function BoundaryForm() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ file: UploadFile[] }>();
  const { busy, error, run } = useFormSubmit(form, ['file']);
  const [result, setResult] = useState<BoundaryResult | null>(null);

  async function submit(v: { file: UploadFile[] }) {
    setResult(null);
    const body = new FormData();
    appendFiles(body, 'file', v.file);
    await run(async () => setResult(await api.post<BoundaryResult>('/units/boundaries', body)));
  }

  return (
    <Card title={t('ui.units.boundaryTitle')}>
      <Form form={form} layout="vertical" name="unit-boundaries" onFinish={submit} style={{ maxWidth: 560 }}>
        <Form.Item name="file" label={t('ui.units.boundaryFile')} extra={t('ui.units.boundaryHint')} rules={[{ required: true, message: t('ui.units.filesRequired') }]}>
          <FilePicker accept=".geojson,.json" label={t('ui.common.chooseFile')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('ui.units.boundarySubmit')}
        </Button>
      </Form>
      <ImportOutcome error={error}>
        {result && (
          <Alert
            type={result.unmatched.length ? 'warning' : 'success'}
            showIcon
            title={t('ui.units.boundaryDone', { matched: formatNumber(result.matched) })}
            description={result.unmatched.length ? t('ui.units.boundaryUnmatched', { codes: result.unmatched.join(', ') }) : undefined}
          />
        )}
      </ImportOutcome>
    </Card>
  );
}

export default function UnitImportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('ui.units.importPageTitle')}</PageTitle>
      <ImportForm />
      <BoundaryForm />
    </>
  );
}
