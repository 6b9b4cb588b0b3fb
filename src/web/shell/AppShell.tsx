import { Suspense, useState } from 'react';
import { Button, Drawer, Grid, Layout, Spin, Typography } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Link, Outlet, useMatches } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session';
import { setScreen } from '../api/client';
import LanguageSwitch from './LanguageSwitch';
import SideMenu from './SideMenu';
import UserMenu from './UserMenu';

function useScreenName(): string {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const screen = (matches[i].handle as { screen?: string } | undefined)?.screen;
    if (screen) return screen;
  }
  return 'app';
}

export default function AppShell() {
  const { t } = useTranslation();
  // The app only mounts the shell for a signed-in user.
  const me = useMe().data!;
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Set while rendering, before the page below starts its requests, so they carry this screen's name.
  setScreen(useScreenName());

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('ui.shell.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        {phone && (
          <Button type="text" icon={<MenuOutlined />} aria-label={t('ui.shell.openMenu')} aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)} />
        )}
        <Link to="/" className="app-name">
          {t('common.appName')}
        </Link>
        <div style={{ flex: 1 }} />
        {!phone && (
          <Typography.Text className="app-who" ellipsis>
            <strong>{me.displayName}</strong> · {t(`ui.roles.${me.role}`)} · {me.unit.name}
          </Typography.Text>
        )}
        <LanguageSwitch compact={phone} />
        <UserMenu me={me} />
      </Layout.Header>
      <Layout>
        {!phone && (
          <Layout.Sider width={264} theme="light" className="app-sider">
            <SideMenu />
          </Layout.Sider>
        )}
        {phone && (
          <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={280} title={t('common.appName')} styles={{ body: { padding: 0 } }}>
            <SideMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <Layout.Content id="main" tabIndex={-1} style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 48 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
