import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Typography, type InputRef } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TEST_RESULTS, TEST_TYPES, type ResultsSummary, type TestResult, type TestType } from '../../../shared/api/testing.js';
import { api } from '../../api/client';
import { placeServerError } from '../../api/forms';
import ErrorAlert from '../../components/ErrorAlert';
import { useLabs } from './parts';
import { codeIsValid, needsCt, resultBody, vietnamWallClock } from './resultForm';
import SummaryCounts from './SummaryCounts';

interface Values {
  code: string;
  testType: TestType;
  result?: TestResult;
  ctValue?: number | null;
  testedAt: Dayjs;
  labId?: number | null;
}
const FIELDS = ['code', 'testType', 'result', 'ctValue', 'testedAt', 'labId'];

/**
 * One result at a time, by sample or pool code. After each one the code is cleared and focused
 * for the next tube, keeping the test type, lab and time, as a lab enters a rack.
 */
export default function ResultEntryForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const codeRef = useRef<InputRef>(null);
  const labs = useLabs();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<{ code: string; summary: ResultsSummary } | null>(null);
  const testType = Form.useWatch('testType', form) ?? 'rt_pcr';
  const result = Form.useWatch('result', form);
  const onlyLab = labs.data?.length === 1 ? labs.data[0].id : undefined;
  useEffect(() => {
    if (onlyLab !== undefined && form.getFieldValue('labId') == null) form.setFieldValue('labId', onlyLab);
  }, [form, onlyLab]);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    setSaved(null);
    const body = resultBody({ ...v, testedAt: v.testedAt.format('YYYY-MM-DDTHH:mm') });
    try {
      const summary = await api.post<ResultsSummary>('/testing/results', body);
      setSaved({ code: body.code, summary });
      form.setFieldsValue({ code: '', result: undefined, ctValue: null });
      codeRef.current?.focus();
      await qc.invalidateQueries({ queryKey: ['testing'] });
    } catch (err) {
      setError(placeServerError(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Typography.Paragraph type="secondary">{t('labWeb.results.entryIntro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        name="result-entry"
        onFinish={(v) => void submit(v)}
        initialValues={{ testType: 'rt_pcr', testedAt: dayjs(vietnamWallClock()) }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('testType' in changed && changed.testType === 'rapid_antigen') form.setFieldValue('ctValue', null);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={t('labWeb.fields.code')}
              rules={[
                { required: true, whitespace: true, message: t('labWeb.results.codeRequired') },
                { validator: async (_, v: string | undefined) => (!v || codeIsValid(v) ? undefined : Promise.reject(new Error(t('labWeb.results.codeInvalid')))), validateTrigger: 'onSubmit' },
              ]}
            >
              <Input ref={codeRef} autoFocus autoComplete="off" spellCheck={false} placeholder={t('labWeb.results.codePlaceholder')} data-testid="result-code" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="testType" label={t('labWeb.fields.testType')}>
              <Radio.Group optionType="button" data-testid="result-test-type" options={TEST_TYPES.map((k) => ({ value: k, label: t(`testing.testType.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="result" label={t('labWeb.fields.result')} rules={[{ required: true, message: t('labWeb.results.resultRequired') }]}>
              <Radio.Group optionType="button" buttonStyle="solid" data-testid="result-value" options={TEST_RESULTS.map((r) => ({ value: r, label: t(`testing.result.${r}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={4}>
            <Form.Item
              name="ctValue"
              label={t('labWeb.fields.ctValue')}
              extra={testType === 'rt_pcr' ? t('labWeb.results.ctHint') : undefined}
              rules={[{ required: needsCt(testType, result), message: t('labWeb.results.ctRequired') }]}
            >
              <InputNumber min={0.1} max={50} step={0.1} precision={1} disabled={testType !== 'rt_pcr'} style={{ width: '100%' }} data-testid="result-ct" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="testedAt" label={t('labWeb.fields.testedAt')} extra={t('labWeb.results.testedAtHint')} rules={[{ required: true, message: t('labWeb.results.testedAtRequired') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" allowClear={false} style={{ width: '100%' }} data-testid="result-tested-at" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="labId" label={t('labWeb.fields.labId')} extra={t('labWeb.results.labHint')}>
              <Select<number>
                allowClear
                loading={labs.isPending}
                options={(labs.data ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${l.name}` }))}
                data-testid="result-lab"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6} style={{ display: 'flex', alignItems: 'flex-start', paddingTop: 30 }}>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="result-submit">
              {t('labWeb.results.submit')}
            </Button>
          </Col>
        </Row>
      </Form>
      <div aria-live="polite">
        <ErrorAlert error={error} />
        {saved && (
          <Alert
            type="success"
            showIcon
            data-testid="result-saved"
            title={t('labWeb.results.saved', { code: saved.code })}
            description={saved.summary.applied === 0 ? t('labWeb.results.unchangedNote') : <SummaryCounts summary={saved.summary} rows={false} />}
          />
        )}
      </div>
    </>
  );
}
