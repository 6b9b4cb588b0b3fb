import { useState } from 'react';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { HealthCheckView, Measure, TransferProposalView } from '../../../shared/api/quarantine-monitoring.js';
import { formatDateTime } from '../../../shared/vn/dates.js';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import ErrorAlert from '../../components/ErrorAlert';
import { formatNumber } from '../../components/format';
import { testRow } from '../../cases/domProps';
import { currentLang } from '../../i18n';
import { QUARANTINE_KEY } from '../queries';
import CheckForm from './CheckForm';
import { bloodPressure, historyMeasures, measureOfSign, shownMeasures, symptomName, type SymptomChoice } from './model';
import { useHealthChecks } from './queries';
import WarningSigns from './WarningSigns';

interface Props {
  stayId: number;
  /** Whether the stay is active: only an active stay takes new checks. */
  active: boolean;
  /** Open the form at once (the monitoring page) rather than behind a button (the stay page). */
  formOpen?: boolean;
}

/**
 * A stay's health checks: the form for a new one (what the stay requires), what the last check
 * set off (warning signs, a transfer proposal) and the history, newest first.
 * The stay page includes it as <HealthChecksCard stayId={s.id} active={s.status === 'active'} />.
 */
export default function HealthChecksCard({ stayId, active, formOpen = false }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const checks = useHealthChecks(stayId);
  const [open, setOpen] = useState(formOpen);
  const [saved, setSaved] = useState<HealthCheckView | null>(null);
  const canRecord = active && can('quarantine.monitor');
  const data = checks.data;

  const pending = useQuery({
    queryKey: [...QUARANTINE_KEY, 'transfer-proposals', { stayId, status: 'pending' }],
    queryFn: () => api.get<{ total: number; rows: TransferProposalView[] }>('/quarantine/transfer-proposals', { stayId, status: 'pending', limit: 1 }),
    enabled: can('quarantine.read'),
  });
  const proposal = pending.data?.rows[0];

  async function onSaved(check: HealthCheckView) {
    setSaved(check);
    setOpen(formOpen);
    await qc.invalidateQueries({ queryKey: QUARANTINE_KEY });
  }

  return (
    <Card
      size="small"
      title={t('quarantineMonitoringUi.card.title')}
      style={{ marginBottom: 16 }}
      data-testid="health-checks-card"
      extra={
        canRecord &&
        !open && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="check-open">
            {t('quarantineMonitoringUi.card.record')}
          </Button>
        )
      }
    >
      <ErrorAlert error={checks.error} />
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('quarantineMonitoringUi.card.asks', {
            count: data.timesPerDay,
            measures: shownMeasures(data.required, false).filter((m) => m !== 'diastolic').map((m) => t(`quarantineMonitoringUi.measureShort.${m}`)).join(', '),
          })}
        </Typography.Paragraph>
      )}
      {saved && <SavedResult check={saved} symptoms={data?.symptoms ?? []} />}
      {proposal && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="check-proposal"
          data-to-tier={proposal.toTier}
          title={proposal.fromTier === null ? t('quarantineMonitoringUi.card.pendingIntoTreatment', { to: proposal.toTier }) : t('quarantineMonitoringUi.card.pendingProposal', { from: proposal.fromTier, to: proposal.toTier })}
          action={
            <Link to={`/quarantine/transfers?stayId=${stayId}`} data-testid="check-proposal-link">
              {t('quarantineMonitoringUi.card.toProposal')}
            </Link>
          }
        />
      )}
      {data && canRecord && open && (
        <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 4px', marginBottom: 12 }}>
          <CheckForm data={data} onSaved={(c) => void onSaved(c)} />
        </div>
      )}
      {data && !active && <Typography.Paragraph type="secondary">{t('quarantineMonitoringUi.card.ended')}</Typography.Paragraph>}
      <History rows={data?.rows ?? []} required={data?.required ?? []} symptoms={data?.symptoms ?? []} loading={checks.isFetching} />
    </Card>
  );
}

function SavedResult({ check, symptoms }: { check: HealthCheckView; symptoms: readonly SymptomChoice[] }) {
  const { t } = useTranslation();
  const n = check.warnings.length;
  return (
    <div data-testid="check-warnings" data-count={n} style={{ marginBottom: 12 }}>
      {n === 0 ? (
        <Alert type="success" showIcon title={t('quarantineMonitoringUi.result.none', { at: formatDateTime(check.at) })} />
      ) : (
        <Alert
          type="error"
          showIcon
          title={t('quarantineMonitoringUi.result.signs', { count: n })}
          description={
            <>
              <WarningSigns signs={check.warnings} symptoms={symptoms} />
              <div style={{ marginTop: 6 }}>
                {check.transferProposalId
                  ? t('quarantineMonitoringUi.result.proposed', { id: check.transferProposalId })
                  : t('quarantineMonitoringUi.result.alerted')}
              </div>
            </>
          }
        />
      )}
    </div>
  );
}

function History({ rows, required, symptoms, loading }: { rows: HealthCheckView[]; required: Measure[]; symptoms: readonly SymptomChoice[]; loading: boolean }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const measures = historyMeasures(required, rows).filter((m) => m !== 'diastolic');
  return (
    <Table<HealthCheckView>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      scroll={{ x: 900 }}
      aria-label={t('quarantineMonitoringUi.card.history')}
      locale={{ emptyText: t('quarantineMonitoringUi.card.none') }}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      onRow={(c) => testRow('check-row', { 'data-warnings': c.warnings.length, 'data-self': String(c.selfReport) })}
      columns={[
        { title: t('quarantineMonitoringUi.card.at'), key: 'at', width: 140, render: (_, c) => formatDateTime(c.at) },
        ...measures.map((m) => ({
          title: t(`quarantineMonitoringUi.measureShort.${m}`),
          key: m,
          width: m === 'systolic' ? 100 : 80,
          align: 'right' as const,
          render: (_: unknown, c: HealthCheckView) => {
            const flagged = c.warnings.some((w) => measureOfSign(w.code) === m);
            const text = m === 'systolic' ? bloodPressure(c.systolic, c.diastolic) : formatNumber(c[m]);
            return <span style={flagged ? { color: '#cf1322', fontWeight: 600 } : undefined}>{text}</span>;
          },
        })),
        { title: t('quarantineMonitoringUi.card.symptoms'), key: 'symptoms', width: 180, render: (_, c) => c.symptoms.map((s) => symptomName(s, symptoms, lang)).join(', ') || '—' },
        { title: t('quarantineMonitoringUi.card.warnings'), key: 'warnings', width: 260, render: (_, c) => <WarningSigns signs={c.warnings} symptoms={symptoms} /> },
        {
          title: t('quarantineMonitoringUi.card.by'),
          key: 'by',
          width: 170,
          render: (_, c) => (c.selfReport ? <Tag color="blue">{t('quarantineMonitoringUi.card.selfReport')}</Tag> : (c.reportedBy?.name ?? '')),
        },
      ]}
    />
  );
}
