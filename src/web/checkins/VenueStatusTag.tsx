import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VenueStatus } from '../../shared/api/checkins.js';

const COLOR: Record<VenueStatus, string> = { pending: 'gold', active: 'green', suspended: 'red' };

export default function VenueStatusTag({ status }: { status: VenueStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[status]}>{t(`ui.checkins.statuses.${status}`)}</Tag>;
}
