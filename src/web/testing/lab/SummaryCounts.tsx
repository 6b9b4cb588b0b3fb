import { Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResultsSummary } from '../../../shared/api/testing.js';
import LinkButton from '../../components/LinkButton';
import { formatNumber } from '../../components/format';

const COUNTS = ['rows', 'applied', 'unchanged', 'positives', 'positivePools', 'resampleTasks', 'caseProposals'] as const;

/** What a result or a file changed, with the ways on to the work it set off. */
export default function SummaryCounts({ summary, rows = true }: { summary: ResultsSummary; rows?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={COUNTS.filter((k) => rows || k !== 'rows').map((k) => ({
          key: k,
          label: t(`labWeb.summary.${k}`),
          children: <span data-testid={`summary-${k}`}>{formatNumber(summary[k])}</span>,
        }))}
      />
      {(summary.resampleTasks > 0 || summary.caseProposals > 0) && (
        <Space wrap style={{ marginTop: 8 }}>
          {summary.resampleTasks > 0 && <LinkButton to="/testing/resample">{t('labWeb.summary.openResample')}</LinkButton>}
          {summary.caseProposals > 0 && <LinkButton to="/testing/case-proposals">{t('labWeb.summary.openProposals')}</LinkButton>}
        </Space>
      )}
    </>
  );
}
