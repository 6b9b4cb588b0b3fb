import { useMemo, useState } from 'react';
import { Card, Col, Grid, Input, Progress, Row, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { UnitTreeNode } from '../../shared/api/geo.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import { formatNumber, formatPercent } from '../components/format';
import { allKeys, buildTree, filterTree, share, type TreeRow } from './unitTree';

export default function HomePage() {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<readonly React.Key[] | null>(null);
  const tree = useQuery({ queryKey: ['units', 'tree'], queryFn: () => api.get<UnitTreeNode[]>('/units/tree') });
  const roots = useMemo(() => buildTree(tree.data ?? []), [tree.data]);
  const shown = useMemo(() => filterTree(roots, query), [roots, query]);

  const nodes = tree.data ?? [];
  const population = roots.reduce((a, r) => a + (r.shownPopulation ?? 0), 0);
  const registered = roots.reduce((a, r) => a + r.peopleCount, 0);
  const ratio = share(registered, population);
  const communes = nodes.filter((n) => n.level === 'commune').length;
  const districts = nodes.filter((n) => n.level === 'district').length;

  return (
    <>
      <PageTitle>{t('ui.home.title')}</PageTitle>
      <ErrorAlert error={tree.error} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic styles={{ content: { fontSize: phone ? 20 : 26 } }} title={t('ui.home.population')} value={formatNumber(population)} loading={tree.isPending} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic styles={{ content: { fontSize: phone ? 20 : 26 } }} title={t('ui.home.registered')} value={formatNumber(registered)} loading={tree.isPending} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic styles={{ content: { fontSize: phone ? 20 : 26 } }} title={t('ui.home.share')} value={ratio == null ? '—' : formatPercent(ratio)} loading={tree.isPending} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              styles={{ content: { fontSize: phone ? 20 : 26 } }}
              title={t('ui.home.units')}
              value={[
                districts > 0 && t('ui.home.districtCount', { count: formatNumber(districts) }),
                t('ui.home.communeCount', { count: formatNumber(communes) }),
              ]
                .filter(Boolean)
                .join(' · ')}
              loading={tree.isPending}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('ui.home.treeTitle')} styles={{ body: { padding: 0 } }}>
        <div style={{ padding: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('ui.home.searchPlaceholder')}
            aria-label={t('ui.home.searchPlaceholder')}
            onSearch={setQuery}
            onChange={(e) => setQuery(e.target.value)}
            style={{ maxWidth: 360 }}
          />
        </div>
        <Table<TreeRow>
          rowKey="id"
          size="small"
          loading={tree.isPending}
          dataSource={shown}
          pagination={false}
          scroll={{ x: 760 }}
          expandable={{
            expandedRowKeys: query ? allKeys(shown) : (expanded ?? roots.map((r) => r.id)),
            onExpandedRowsChange: (keys) => setExpanded(keys),
          }}
          columns={[
            {
              title: t('ui.units.name'),
              dataIndex: 'name',
              fixed: 'start',
              width: phone ? 170 : undefined,
              render: (_, r) => <Link to={`/units/${r.id}`}>{r.name}</Link>,
            },
            { title: t('ui.units.type'), dataIndex: 'typeName', width: 140, responsive: ['md'] },
            {
              title: t('ui.units.population'),
              dataIndex: 'shownPopulation',
              align: 'right',
              width: 140,
              render: (v: number | null, r) =>
                r.populationIsSum ? (
                  <span title={t('ui.home.populationSum')}>
                    <i>{formatNumber(v)}</i>
                  </span>
                ) : (
                  formatNumber(v)
                ),
            },
            { title: t('ui.home.registered'), dataIndex: 'peopleCount', align: 'right', width: 140, render: (v: number) => formatNumber(v) },
            {
              title: t('ui.home.share'),
              key: 'share',
              width: 180,
              render: (_, r) => {
                const s = share(r.peopleCount, r.shownPopulation);
                return s == null ? '—' : <Progress percent={Math.round(s * 1000) / 10} size="small" format={() => formatPercent(s)} />;
              },
            },
          ]}
        />
      </Card>
    </>
  );
}
