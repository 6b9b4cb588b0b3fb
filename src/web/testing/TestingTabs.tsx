import { Menu } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/session';
import { TESTING_TABS, testingTabOf } from './tabs';

/** The pages of testing, as far as the role may use them; nothing when only one is left. */
export default function TestingTabs() {
  const { t } = useTranslation();
  const can = useCan();
  const { pathname } = useLocation();
  const tabs = TESTING_TABS.filter((tab) => tab.anyOf.some(can));
  if (tabs.length < 2) return null;
  return (
    <nav aria-label={t('testingUi.tabs.label')} style={{ marginBottom: 16 }}>
      <Menu
        mode="horizontal"
        selectedKeys={[testingTabOf(pathname)]}
        items={tabs.map((tab) => ({ key: tab.key, label: <Link to={tab.path} data-testid={`testing-tab-${tab.key}`}>{t(`testingUi.tabs.${tab.key}`)}</Link> }))}
        style={{ background: 'transparent' }}
      />
    </nav>
  );
}
