import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../shared/roles.js';
import { useCan } from '../auth/session';

/** Pages reached by a typed or bookmarked address still say plainly when the role may not use them. */
export default function Guard({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can(permission)) return <Result status="403" title={t('errors.forbidden')} />;
  return <>{children}</>;
}
