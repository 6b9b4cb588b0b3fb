import { Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { DeploymentUnitOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/api/cases.js';
import { formatDate, formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import { InfectiousWindow, SourceText } from './CaseFacts';
import CaseStatusActions from './CaseStatusActions';
import TasksCard from './TasksCard';
import TracingPanel from './TracingPanel';
import { CaseStatusTag, caseLabel, LevelTag } from './tags';

function confirmationText(t: (k: string) => string, c: CaseDetail): string {
  if (c.confirmation === 'test') return `${t('casesUi.confirmations.test')}: ${c.confirmationTest ?? ''}`;
  if (c.confirmation === 'manual') return `${t('casesUi.confirmations.manual')}: ${c.confirmationReason ?? ''}`;
  return '—';
}

export default function CasePage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id } = useParams();
  const query = useQuery({ queryKey: ['cases', 'detail', id], queryFn: () => api.get<CaseDetail>(`/cases/${id}`) });
  const c = query.data;
  if (query.error) return <ErrorAlert error={query.error} />;

  const location = c ? [t(`casesUi.locations.${c.location}`), c.treatmentTier ? t('casesUi.fields.tierN', { tier: c.treatmentTier }) : null, c.locationNote || null].filter(Boolean).join(' · ') : '';
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/cases">← {t('casesUi.detail.backToList')}</Link>
      </Typography.Paragraph>
      <PageTitle
        extra={
          c && (
            <>
              {can('cases.write') && <CaseStatusActions c={c} />}
              <LinkButton to={`/cases/graph?case=${c.id}`} icon={<DeploymentUnitOutlined />}>
                {t('casesUi.detail.showChain')}
              </LinkButton>
            </>
          )
        }
      >
        {c ? (
          <span data-testid="case-title">
            {caseLabel(t, c)} · {c.person.fullName} <CaseStatusTag status={c.status} />
          </span>
        ) : (
          t('ui.common.loading')
        )}
      </PageTitle>
      <Card loading={query.isPending} style={{ marginBottom: 16 }}>
        {c && (
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'code', label: t('casesUi.fields.code'), children: <Typography.Text strong data-testid="case-code">{c.code ?? t('casesUi.detail.noCodeYet')}</Typography.Text> },
              { key: 'person', label: t('casesUi.fields.person'), children: <Link to={`/people/${c.person.id}`}>{c.person.fullName}</Link> },
              { key: 'status', label: t('casesUi.fields.status'), children: <CaseStatusTag status={c.status} /> },
              { key: 'confirmation', label: t('casesUi.fields.confirmation'), children: confirmationText(t, c) },
              { key: 'confirmedAt', label: t('casesUi.fields.confirmedAt'), children: c.confirmedAt ? formatDateTime(c.confirmedAt) : '—' },
              { key: 'onset', label: t('casesUi.fields.onset'), children: c.symptomOnset ? formatDate(c.symptomOnset) : t('casesUi.fields.asymptomatic') },
              { key: 'sample', label: t('casesUi.fields.positiveSample'), children: c.positiveSampleDate ? formatDate(c.positiveSampleDate) : '—' },
              { key: 'window', label: t('casesUi.fields.window'), children: <InfectiousWindow c={c} /> },
              { key: 'location', label: t('casesUi.fields.location'), children: location },
              ...(c.transferredTo ? [{ key: 'transferred', label: t('casesUi.fields.transferredTo'), children: c.transferredTo }] : []),
              { key: 'source', label: t('casesUi.fields.source'), children: <SourceText c={c} /> },
              {
                key: 'cluster',
                label: t('casesUi.fields.cluster'),
                children: c.cluster ? <Link to={`/cases?cluster=${c.cluster.id}`}>{c.cluster.name}</Link> : '—',
              },
              {
                key: 'contacts',
                label: t('casesUi.detail.contacts'),
                children: c.contactCounts.length ? (
                  <Space wrap size={4}>
                    {c.contactCounts.map((n) => (
                      <span key={n.level}>
                        <LevelTag level={n.level} />
                        {formatNumber(n.count)}
                      </span>
                    ))}
                  </Space>
                ) : (
                  t('casesUi.detail.noContacts')
                ),
              },
              { key: 'pending', label: t('casesUi.detail.pendingProposals'), children: c.pendingProposals ? <Tag color="orange">{formatNumber(c.pendingProposals)}</Tag> : '0' },
              { key: 'created', label: t('casesUi.fields.createdAt'), children: formatDateTime(c.createdAt) },
            ]}
          />
        )}
      </Card>
      {c && (
        <Card title={t('casesUi.detail.history')} style={{ marginBottom: 16 }}>
          <Timeline
            items={c.history.map((h, i) => ({
              key: i,
              color: h.status === 'ruled_out' || h.status === 'recovered' ? 'green' : 'red',
              content: (
                <>
                  <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                    {formatDateTime(h.at)}
                  </Typography.Text>
                  <CaseStatusTag status={h.status} />
                  {h.accountName && <Typography.Text type="secondary">{h.accountName}</Typography.Text>}
                  {h.note && <div>{h.note}</div>}
                </>
              ),
            }))}
          />
        </Card>
      )}
      {c && <TracingPanel c={c} />}
      {c && can('tasks.work') && <TasksCard caseId={c.id} />}
    </>
  );
}
