import { useState } from 'react';
import { App, Button, Form, Input, Radio } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TRIAGE_ACTIONS, type DeclarationDetail, type TriageAction } from '../../shared/api/declarations.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';

interface Values {
  action: TriageAction;
  outcome: string;
}

const FIELDS = ['action', 'outcome'] as const;

/** What the officer did about a declaration and how it went; saving marks it handled. */
export default function TriageForm({ declarationId }: { declarationId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const detail = await api.post<DeclarationDetail>(`/declarations/${declarationId}/triage`, v);
      qc.setQueryData(['declarations', 'detail', String(declarationId)], detail);
      await qc.invalidateQueries({ queryKey: ['declarations'] });
      form.resetFields();
      void message.success(t('ui.declarations.triageSaved'));
    } catch (err) {
      setError(placeServerError(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" name="triage" onFinish={submit} style={{ maxWidth: 640 }}>
        <Form.Item name="action" label={t('fields.action')} rules={[{ required: true, message: t('ui.declarations.actionRequired') }]}>
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={TRIAGE_ACTIONS.map((a) => ({ value: a, label: t(`declarations.triageActions.${a}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="outcome"
          label={t('fields.outcome')}
          extra={t('ui.declarations.outcomeHint')}
          rules={[{ required: true, whitespace: true, message: t('ui.declarations.outcomeRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('ui.declarations.saveTriage')}
        </Button>
      </Form>
    </>
  );
}
