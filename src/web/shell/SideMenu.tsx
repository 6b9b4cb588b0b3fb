import { Menu, Tag } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/session';
import { CAPABILITIES, capabilityOf, entryPath } from './nav';

export default function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const { pathname } = useLocation();
  const items = CAPABILITIES.filter((c) => !c.path || entryPath(c, can)).map((c) =>
    c.path
      ? {
          key: c.key,
          icon: c.icon,
          label: (
            <Link to={entryPath(c, can)!} onClick={onNavigate}>
              {t(`ui.nav.${c.key}`)}
            </Link>
          ),
        }
      : {
          key: c.key,
          icon: c.icon,
          disabled: true,
          label: (
            <span>
              {t(`ui.nav.${c.key}`)}{' '}
              <Tag style={{ marginInlineStart: 4, fontSize: 11, lineHeight: '16px' }}>{t('ui.nav.coming')}</Tag>
            </span>
          ),
        },
  );
  return (
    <nav aria-label={t('ui.shell.mainMenu')}>
      <Menu mode="inline" selectedKeys={[capabilityOf(pathname)]} items={items} style={{ borderInlineEnd: 'none' }} />
    </nav>
  );
}
