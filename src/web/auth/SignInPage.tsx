import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shared/api/auth.js';
import { api, setScreen } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import LanguageSwitch from '../shell/LanguageSwitch';
import { ME_KEY } from './session';
import CenteredPage from './CenteredPage';

interface Credentials {
  username: string;
  password: string;
}

export default function SignInPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  setScreen('signin');

  async function submit(values: Credentials) {
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>('/auth/login', values);
      qc.setQueryData(ME_KEY, me);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredPage extra={<LanguageSwitch />}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 28, marginBottom: 0 }}>
          {t('common.appName')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('common.appTagline')}</Typography.Paragraph>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('ui.auth.signInTitle')}
        </Typography.Title>
        <ErrorAlert error={error} />
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} name="signin">
          <Form.Item name="username" label={t('fields.username')} rules={[{ required: true, message: t('ui.auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="none" />
          </Form.Item>
          <Form.Item name="password" label={t('fields.password')} rules={[{ required: true, message: t('ui.auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('ui.auth.signIn')}
          </Button>
        </Form>
      </Card>
    </CenteredPage>
  );
}
