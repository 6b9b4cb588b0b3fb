import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignView, SampleState, TestResult } from '../../shared/api/testing.js';
import { formatNumber } from '../components/format';
import { campaignPhase } from './model';

const STATE_COLORS: Record<SampleState, string> = { collected: 'default', sent: 'blue', received: 'purple', tested: 'green' };
const RESULT_COLORS: Record<TestResult, string> = { positive: 'red', negative: 'green', invalid: 'orange' };

export function StateTag({ state }: { state: SampleState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state]}>{t(`testing.state.${state}`)}</Tag>;
}

export function ResultTag({ result }: { result: TestResult | null }) {
  const { t } = useTranslation();
  if (!result) return <>—</>;
  return <Tag color={RESULT_COLORS[result]}>{t(`testing.result.${result}`)}</Tag>;
}

export function CampaignStatusTag({ c, today }: { c: Pick<CampaignView, 'status' | 'startsOn' | 'endsOn'>; today: string }) {
  const { t } = useTranslation();
  const phase = campaignPhase(c, today);
  const color = { closed: 'default', scheduled: 'blue', running: 'green', ended: 'orange' }[phase];
  return <Tag color={color}>{t(`testingUi.phase.${phase}`)}</Tag>;
}

/** Whom a campaign tests, in a line: the kind of target, the drawn share and the pooling. */
export function TargetSummary({ c }: { c: CampaignView }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`testingUi.targetKind.${c.targetKind}`)}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {[
          c.sharePct === null ? t('testingUi.campaigns.everyone') : t('testingUi.campaigns.share', { pct: formatNumber(c.sharePct) }),
          c.pooling === 'none' ? null : t('testingUi.campaigns.pooledBy', { size: c.poolSize }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
    </>
  );
}
