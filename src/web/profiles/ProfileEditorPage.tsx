import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { ProfileViewDto } from '../../shared/api/profiles.js';
import { ApiError, api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import { lineOfPath, prettyWithLines, selectLine } from './jsonLines';

interface Values {
  disease: string;
  label: string;
  effectiveFrom: Dayjs;
  notes?: string;
  rules: string;
}

/** A new version starts as a copy of the chosen one; the server numbers it and checks every rule. */
export default function ProfileEditorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const fromId = params.get('from');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const rulesRef = useRef<HTMLTextAreaElement | null>(null);
  const base = useQuery({
    queryKey: ['profiles', 'detail', fromId ? Number(fromId) : 'in-force'],
    queryFn: () => api.get<ProfileViewDto>(fromId ? `/profiles/${fromId}` : '/profiles/in-force'),
  });

  useEffect(() => {
    if (!base.data) return;
    form.setFieldsValue({
      disease: base.data.disease,
      label: '',
      effectiveFrom: dayjs(),
      notes: '',
      rules: prettyWithLines(base.data.rules).text,
    });
  }, [base.data, form]);

  async function submit(v: Values) {
    let rules: unknown;
    try {
      rules = JSON.parse(v.rules);
    } catch (err) {
      form.setFields([{ name: 'rules', errors: [t('ui.profiles.jsonInvalid', { message: (err as Error).message })] }]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await api.post<ProfileViewDto>('/profiles', {
        disease: v.disease,
        label: v.label,
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        notes: v.notes ?? '',
        rules,
      });
      await qc.invalidateQueries({ queryKey: ['profiles'] });
      void message.success(t('ui.profiles.savedVersion', { version: saved.version }));
      navigate(`/profiles/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.field?.startsWith('rules')) {
        const path = err.field.replace(/^rules\.?/, '');
        const line = path ? lineOfPath(v.rules, path) : null;
        const where = line ? `${path} (${t('ui.profiles.line', { line })})` : path || 'rules';
        form.setFields([{ name: 'rules', errors: [t('ui.profiles.errorAt', { path: where, message: err.message })] }]);
        if (line && rulesRef.current) selectLine(rulesRef.current, line);
      } else {
        setError(placeServerError(form, err, ['disease', 'label', 'effectiveFrom', 'notes']));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>{base.data ? t('ui.profiles.newVersionFrom', { version: base.data.version, label: base.data.label }) : t('ui.profiles.newVersion')}</PageTitle>
      <ErrorAlert error={base.error ?? error} />
      <Card loading={base.isPending}>
        <Form<Values> form={form} layout="vertical" name="profile-version" onFinish={submit} style={{ maxWidth: 980 }}>
          <Form.Item name="disease" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="label" label={t('ui.profiles.label')} rules={[{ required: true, message: t('ui.common.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t('ui.profiles.effectiveFrom')} rules={[{ required: true, message: t('ui.common.required') }]}>
            <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
          </Form.Item>
          <Form.Item name="notes" label={t('ui.profiles.notes')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Alert type="info" showIcon title={t('ui.profiles.rulesHint')} style={{ marginBottom: 12 }} />
          <Form.Item name="rules" label={t('ui.profiles.rules')} rules={[{ required: true, message: t('ui.common.required') }]}>
            <Input.TextArea
              ref={(r) => {
                rulesRef.current = r?.resizableTextArea?.textArea ?? null;
              }}
              rows={24}
              wrap="off"
              spellCheck={false} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('ui.profiles.saveVersion')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('ui.common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
