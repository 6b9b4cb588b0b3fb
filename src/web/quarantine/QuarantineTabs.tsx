import { Menu } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/session';
import { QUARANTINE_TABS, quarantineTabOf } from './tabs';

/** The pages of quarantine and treatment, as far as the role may use them; nothing when only one is left. */
export default function QuarantineTabs() {
  const { t } = useTranslation();
  const can = useCan();
  const { pathname } = useLocation();
  const tabs = QUARANTINE_TABS.filter((tab) => tab.anyOf.some(can));
  if (tabs.length < 2) return null;
  return (
    <nav aria-label={t('quarantineUi.tabs.label')} style={{ marginBottom: 16 }}>
      <Menu
        mode="horizontal"
        selectedKeys={[quarantineTabOf(pathname)]}
        items={tabs.map((tab) => ({ key: tab.key, label: <Link to={tab.path} data-testid={`quarantine-tab-${tab.key}`}>{t(`quarantineUi.tabs.${tab.key}`)}</Link> }))}
        style={{ background: 'transparent' }}
      />
    </nav>
  );
}
