import { useState } from 'react';
import { Button, Dropdown, Modal } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shared/api/auth.js';
import PasswordChangeForm from '../auth/PasswordChangeForm';
import { useSignOut } from '../auth/session';

/** The header already shows who is signed in, so the menu button itself is just an icon. */
export default function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const [changing, setChanging] = useState(false);
  return (
    <>
      <Dropdown
        trigger={['click']}
        popupRender={(menu) => (
          <div className="user-popup">
            <div className="user-popup-who">
              <strong>{me.displayName}</strong>
              <div>{t(`ui.roles.${me.role}`)}</div>
              <div>{me.unit.name}</div>
            </div>
            {menu}
          </div>
        )}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: t('ui.auth.changePassword'), onClick: () => setChanging(true) },
            { key: 'signout', icon: <LogoutOutlined />, label: t('ui.auth.signOut'), onClick: () => void signOut() },
          ],
        }}
      >
        <Button type="text" icon={<UserOutlined />} aria-label={t('ui.shell.userMenu')} title={t('ui.shell.userMenu')}>
          <DownOutlined />
        </Button>
      </Dropdown>
      <Modal open={changing} title={t('ui.auth.changePassword')} footer={null} onCancel={() => setChanging(false)} destroyOnHidden>
        <PasswordChangeForm onDone={() => setChanging(false)} />
      </Modal>
    </>
  );
}
