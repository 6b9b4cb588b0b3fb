import { Menu } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../shared/roles.js';
import { useCan } from '../auth/session';

const TABS: { key: string; path: string; permission: Permission }[] = [
  { key: 'cases', path: '/cases', permission: 'cases.read' },
  { key: 'tasks', path: '/cases/tasks', permission: 'tasks.work' },
  { key: 'clusters', path: '/cases/clusters', permission: 'cases.read' },
  { key: 'graph', path: '/cases/graph', permission: 'cases.read' },
  { key: 'import', path: '/cases/import', permission: 'cases.write' },
];

function tabOf(pathname: string): string {
  const hit = TABS.find((t) => t.path !== '/cases' && (pathname === t.path || pathname.startsWith(`${t.path}/`)));
  return hit?.key ?? 'cases';
}

/** The pages of cases and tracing, as far as the role may use them; nothing when only one is left. */
export default function CasesTabs() {
  const { t } = useTranslation();
  const can = useCan();
  const { pathname } = useLocation();
  const tabs = TABS.filter((tab) => can(tab.permission));
  if (tabs.length < 2) return null;
  return (
    <nav aria-label={t('casesUi.tabs.label')} style={{ marginBottom: 16 }}>
      <Menu
        mode="horizontal"
        selectedKeys={[tabOf(pathname)]}
        items={tabs.map((tab) => ({ key: tab.key, label: <Link to={tab.path}>{t(`casesUi.tabs.${tab.key}`)}</Link> }))}
        style={{ background: 'transparent' }}
      />
    </nav>
  );
}
