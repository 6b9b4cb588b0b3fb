import { useState } from 'react';
import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function PasswordChangeForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit({ currentPassword, newPassword }: Values) {
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/password', { currentPassword, newPassword });
      void message.success(t('ui.auth.passwordChanged'));
      form.resetFields();
      onDone();
    } catch (err) {
      setError(placeServerError(form, err, ['currentPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} name="change-password">
        <Form.Item name="currentPassword" label={t('fields.currentPassword')} rules={[{ required: true, message: t('ui.auth.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('fields.newPassword')}
          extra={t('ui.auth.passwordHint')}
          rules={[{ required: true, message: t('ui.auth.passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('ui.auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('ui.auth.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('ui.auth.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('ui.auth.changePassword')}
        </Button>
      </Form>
    </>
  );
}
