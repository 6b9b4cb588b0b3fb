import { Alert, Collapse, DatePicker, Select, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { GraphResponse } from '../../shared/api/cases.js';
import { parseDate } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import UnitSelect from '../components/UnitSelect';
import { formatNumber } from '../components/format';
import CaseSelect from './CaseSelect';
import CasesTabs from './CasesTabs';
import ClusterSelect from './ClusterSelect';
import GraphLegend from './GraphLegend';
import TransmissionGraph from './TransmissionGraph';
import { levelLabel } from './levels';

type Edge = GraphResponse['edges'][number];

export default function GraphPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const from = parseDate(params.get('from') ?? '') ?? undefined;
  const to = parseDate(params.get('to') ?? '') ?? undefined;
  const unitId = Number(params.get('unit')) || undefined;
  const clusterId = Number(params.get('cluster')) || undefined;
  const caseId = Number(params.get('case')) || undefined;
  const levelParam = Number(params.get('level'));
  const maxLevel = Number.isInteger(levelParam) && params.has('level') && levelParam >= 0 && levelParam <= 5 ? levelParam : 2;
  const query = { from, to, unitId, clusterId, caseId, maxLevel };

  const graph = useQuery({
    queryKey: ['cases', 'graph', query],
    queryFn: () => api.get<GraphResponse>('/tracing/graph', query),
    placeholderData: keepPreviousData,
  });
  const data = graph.data;
  const names = new Map((data?.nodes ?? []).map((n) => [n.personId, n]));
  const nodeName = (id: number) => {
    const n = names.get(id);
    if (!n || n.label === null) return t('casesUi.common.outside');
    return n.caseId !== null ? <Link to={`/cases/${n.caseId}`}>{`${n.caseCode ?? ''} ${n.label}`.trim()}</Link> : <Link to={`/people/${n.personId}`}>{n.label}</Link>;
  };

  function update(values: Record<string, string | undefined>) {
    const p = new URLSearchParams(params);
    for (const [key, value] of Object.entries(values)) {
      if (value) p.set(key, value);
      else p.delete(key);
    }
    setParams(p, { replace: true });
  }

  return (
    <>
      <PageTitle>{t('casesUi.graph.title')}</PageTitle>
      <CasesTabs />
      <div className="toolbar" role="search">
        <DatePicker.RangePicker
          aria-label={t('casesUi.filters.dates')}
          format="DD/MM/YYYY"
          placeholder={[t('casesUi.filters.from'), t('casesUi.filters.to')]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(d) => update({ from: d?.[0]?.format('YYYY-MM-DD'), to: d?.[1]?.format('YYYY-MM-DD') })}
          style={{ width: 260 }}
        />
        <div style={{ flex: '0 1 280px', minWidth: 200 }}>
          <UnitSelect aria-label={t('casesUi.filters.unit')} placeholder={t('casesUi.filters.unit')} allowClear value={unitId} onChange={(v) => update({ unit: v ? String(v) : undefined })} />
        </div>
        <ClusterSelect value={clusterId} onChange={(v) => update({ cluster: v ? String(v) : undefined })} />
        <CaseSelect value={caseId} onChange={(v) => update({ case: v ? String(v) : undefined })} />
        <Select<number>
          aria-label={t('casesUi.graph.maxLevel')}
          value={maxLevel}
          onChange={(v) => update({ level: v === 2 ? undefined : String(v) })}
          options={[0, 1, 2, 3, 4, 5].map((l) => ({ value: l, label: l === 0 ? t('casesUi.graph.casesOnly') : t('casesUi.graph.upTo', { level: levelLabel(l) }) }))}
          style={{ width: 170 }}
        />
      </div>
      <ErrorAlert error={graph.error} />
      {data?.truncated && <Alert type="warning" showIcon title={t('casesUi.graph.truncated', { nodes: formatNumber(data.nodes.length) })} style={{ marginBottom: 12 }} />}
      {data && (
        <Typography.Paragraph type="secondary" aria-live="polite">
          {t('casesUi.graph.summary', {
            cases: formatNumber(data.nodes.filter((n) => n.caseId !== null).length),
            nodes: formatNumber(data.nodes.length),
            edges: formatNumber(data.edges.length),
          })}{' '}
          {t('casesUi.graph.howTo')}
        </Typography.Paragraph>
      )}
      <Spin spinning={graph.isFetching}>
        {data && data.nodes.length === 0 ? (
          <Alert type="info" showIcon title={t('casesUi.graph.empty')} />
        ) : (
          data && <TransmissionGraph data={data} />
        )}
      </Spin>
      {data && data.nodes.length > 0 && <GraphLegend maxLevel={data.nodes.reduce((m, n) => Math.max(m, n.level), 0)} />}
      {data && data.edges.length > 0 && (
        <Collapse
          items={[
            {
              key: 'edges',
              label: t('casesUi.graph.edgeTable', { count: data.edges.length }),
              children: (
                <Table<Edge>
                  rowKey={(e) => `${e.source}-${e.target}-${e.setting}`}
                  size="small"
                  dataSource={[...data.edges].sort((a, b) => Number(b.transmission) - Number(a.transmission))}
                  pagination={{ pageSize: 25, showSizeChanger: false }}
                  aria-label={t('casesUi.graph.edgeTable', { count: data.edges.length })}
                  columns={[
                    { title: t('casesUi.graph.from'), key: 'source', render: (_, e) => nodeName(e.source) },
                    { title: t('casesUi.graph.to'), key: 'target', render: (_, e) => nodeName(e.target) },
                    {
                      title: t('casesUi.graph.kind'),
                      key: 'kind',
                      width: 150,
                      render: (_, e) => <Tag color={e.transmission ? 'red' : 'default'}>{t(e.transmission ? 'casesUi.graph.transmission' : 'casesUi.graph.exposure')}</Tag>,
                    },
                    { title: t('casesUi.graph.setting'), dataIndex: 'setting', width: 180, render: (s: Edge['setting']) => t(`cases.setting.${s}`) },
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </>
  );
}
