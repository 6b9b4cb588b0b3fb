import { Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustodyItemDetail } from '../../shared/api/testing-custody.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { compactHistory, spacedCode } from './model';
import { StateTag } from './tags';

const timeSpan = (at: string, until: string | null) => {
  const from = formatDateTime(at);
  const to = until ? formatDateTime(until) : from;
  return to === from ? from : `${from} – ${to}`;
};

/** Each move of a tube: when, to which step, by whom, at which lab; a pool's moves count its samples. */
export default function CustodyHistory({ item }: { item: CustodyItemDetail }) {
  const { t } = useTranslation();
  return (
    <div data-testid="custody-history">
      <Timeline
        items={compactHistory(item.history).map((h, i) => ({
          key: i,
          color: h.toState === 'tested' ? 'green' : h.toState === 'collected' ? 'gray' : 'blue',
          content: (
            <Space wrap size={6}>
              <Typography.Text type="secondary">{timeSpan(h.at, h.until)}</Typography.Text>
              <StateTag state={h.toState} />
              {h.accountName && <span>{t('testingUi.custody.by', { name: h.accountName })}</span>}
              {h.labName && <Typography.Text type="secondary">{h.labName}</Typography.Text>}
              {item.kind === 'pool' && <Typography.Text type="secondary">{t('testingUi.custody.samplesN', { count: h.samples })}</Typography.Text>}
            </Space>
          ),
        }))}
      />
      {item.kind === 'pool' && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
          {t('testingUi.custody.poolSamples')}:{' '}
          {item.samples.map((s) => `${spacedCode(s.code)}${s.person ? ` (${s.person.fullName})` : ''}`).join(', ')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
