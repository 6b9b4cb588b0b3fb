import { Alert, Button, Card, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setScreen } from '../api/client';
import LanguageSwitch from '../shell/LanguageSwitch';
import CenteredPage from './CenteredPage';
import PasswordChangeForm from './PasswordChangeForm';
import { ME_KEY, useSignOut } from './session';

/** Accounts created or reset by an administrator must choose their own password before anything else. */
export default function ForcedPasswordPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const signOut = useSignOut();
  setScreen('auth/forced-password');
  return (
    <CenteredPage extra={<LanguageSwitch />}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('ui.auth.changePassword')}
        </Typography.Title>
        <Alert type="info" showIcon title={t('ui.auth.mustChange')} style={{ marginBottom: 16 }} />
        <PasswordChangeForm onDone={() => void qc.invalidateQueries({ queryKey: ME_KEY })} />
        <Button type="link" onClick={() => void signOut()} style={{ paddingLeft: 0, marginTop: 12 }}>
          {t('ui.auth.signOut')}
        </Button>
      </Card>
    </CenteredPage>
  );
}
