import { useState } from 'react';
import { Alert, Button, Table, Tag } from 'antd';
import { DeploymentUnitOutlined, RadarChartOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ClusterView } from '../../shared/api/cases.js';
import { formatDate } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import CasesTabs from './CasesTabs';
import ClusterActions from './ClusterActions';
import { useClusters } from './ClusterSelect';
import { testRow } from './domProps';

type Detected = { created: number; grown: number; clusters: ClusterView[] };

export default function ClustersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const clusters = useClusters();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Detected | null>(null);
  const manage = can('clusters.manage');

  async function detect() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.post<Detected>('/tracing/clusters/detect'));
      await qc.invalidateQueries({ queryKey: ['cases'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle
        extra={
          <>
            <LinkButton to="/cases?unknown=1">{t('casesUi.clusters.unknownSource')}</LinkButton>
            {manage && (
              <Button type="primary" icon={<RadarChartOutlined />} loading={busy} onClick={() => void detect()} data-testid="clusters-detect">
                {t('casesUi.clusters.detect')}
              </Button>
            )}
          </>
        }
      >
        {t('casesUi.clusters.title')}
      </PageTitle>
      <CasesTabs />
      <ErrorAlert error={clusters.error ?? error} />
      {result && (
        <Alert
          type="success"
          showIcon
          role="status"
          closable={{ onClose: () => setResult(null) }}
          title={t('casesUi.clusters.detected', { created: result.created, grown: result.grown })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<ClusterView>
        rowKey="id"
        size="small"
        loading={clusters.isFetching}
        dataSource={clusters.data?.rows ?? []}
        scroll={{ x: 1060 }}
        aria-label={t('casesUi.clusters.title')}
        locale={{ emptyText: t('casesUi.clusters.none') }}
        onRow={(c) => testRow('cluster-row', { 'data-cluster-id': c.id })}
        pagination={false}
        columns={[
          {
            title: t('casesUi.clusters.name'),
            dataIndex: 'name',
            width: 250,
            fixed: 'start',
            render: (v: string, c) => (
              <>
                <Link to={`/cases?cluster=${c.id}`}>{v}</Link>
                <div>
                  <Link to={`/cases/graph?cluster=${c.id}`} style={{ fontSize: 12 }}>
                    <DeploymentUnitOutlined /> {t('casesUi.clusters.graph')}
                  </Link>
                </div>
              </>
            ),
          },
          { title: t('casesUi.fields.status'), dataIndex: 'status', width: 130, render: (s: ClusterView['status']) => <Tag color={s === 'active' ? 'red' : 'default'}>{t(`casesUi.clusters.statuses.${s}`)}</Tag> },
          { title: t('fields.communeId'), dataIndex: 'communeName', width: 160, render: (v: string | null) => v ?? '—' },
          { title: t('casesUi.clusters.cases'), dataIndex: 'cases', width: 70, align: 'end', render: (n: number) => formatNumber(n) },
          { title: t('casesUi.clusters.first'), dataIndex: 'firstConfirmed', width: 110, render: (v: string | null) => (v ? formatDate(v) : '—') },
          { title: t('casesUi.clusters.last'), dataIndex: 'lastConfirmed', width: 110, render: (v: string | null) => (v ? formatDate(v) : '—') },
          ...(manage ? [{ title: t('ui.common.actions'), key: 'actions', width: 290, render: (_: unknown, c: ClusterView) => <ClusterActions cluster={c} /> }] : []),
        ]}
      />
    </>
  );
}
