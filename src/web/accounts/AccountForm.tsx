import { useState } from 'react';
import { Button, Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountViewDto } from '../../shared/api/auth.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';
import UnitSelect from '../components/UnitSelect';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  language: 'vi' | 'en';
  password: string;
  active: boolean;
}

const FIELDS = ['username', 'displayName', 'role', 'unitId', 'language', 'password', 'active'] as const;

/** Creates an account, or edits one when given it; a new account must change its password at first sign-in. */
export default function AccountForm({ account, onDone }: { account?: AccountViewDto; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      if (account) {
        await api.patch(`/accounts/${account.id}`, { displayName: v.displayName, role: v.role, unitId: v.unitId, language: v.language, active: v.active });
      } else {
        await api.post('/accounts', { username: v.username, displayName: v.displayName, role: v.role, unitId: v.unitId, language: v.language, password: v.password });
      }
      onDone();
    } catch (err) {
      setError(placeServerError(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const required = [{ required: true, message: t('ui.common.required') }];
  return (
    <>
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        name={account ? 'account-edit' : 'account-create'}
        onFinish={submit}
        initialValues={account ? { ...account } : { language: 'vi', role: 'commune_officer' }}
      >
        {!account && (
          <Form.Item name="username" label={t('fields.username')} extra={t('auth.errors.username_format')} rules={required}>
            <Input autoComplete="off" autoCapitalize="none" maxLength={40} autoFocus />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('fields.displayName')} rules={required}>
          <Input maxLength={100} autoFocus={!!account} />
        </Form.Item>
        <Form.Item name="role" label={t('fields.role')} rules={required}>
          <Select<Role> options={ROLES.map((r) => ({ value: r, label: t(`ui.roles.${r}`) }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t('fields.unitId')} extra={t('ui.accounts.unitHint')} rules={required}>
          <UnitSelect initial={account ? { value: account.unitId, label: account.unitName } : undefined} />
        </Form.Item>
        <Form.Item name="language" label={t('fields.language')}>
          <Select
            options={[
              { value: 'vi', label: 'Tiếng Việt' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        {account ? (
          <Form.Item name="active" label={t('fields.active')} valuePropName="checked">
            <Switch checkedChildren={t('ui.accounts.active')} unCheckedChildren={t('ui.accounts.disabled')} />
          </Form.Item>
        ) : (
          <Form.Item name="password" label={t('ui.accounts.initialPassword')} extra={t('ui.accounts.initialPasswordHint')} rules={required}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {account ? t('ui.common.save') : t('ui.common.create')}
        </Button>
      </Form>
    </>
  );
}

export function ResetPasswordForm({ account, onDone }: { account: AccountViewDto; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        name="account-reset-password"
        onFinish={async (v: { password: string }) => {
          setBusy(true);
          setError(null);
          try {
            await api.post(`/accounts/${account.id}/password`, v);
            onDone();
          } catch (err) {
            setError(placeServerError(form, err, ['password']));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="password" label={t('fields.newPassword')} extra={t('ui.accounts.initialPasswordHint')} rules={[{ required: true, message: t('ui.common.required') }]}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('ui.accounts.resetPassword')}
        </Button>
      </Form>
    </>
  );
}
