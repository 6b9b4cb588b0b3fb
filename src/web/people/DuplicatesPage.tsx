import { useState } from 'react';
import { App, Button, Drawer, Grid, Segmented, Table, Tag, Typography } from 'antd';
import { ScanOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { DUPLICATE_STATUSES, type DuplicatePair, type DuplicateStatus, type ScanResult } from '../../shared/api/people.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import ComparePair from './ComparePair';
import { scoreText } from './format';

const PAGE = 100;

export default function DuplicatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const [status, setStatus] = useState<DuplicateStatus>('open');
  const [selected, setSelected] = useState<DuplicatePair | null>(null);

  const list = useInfiniteQuery({
    queryKey: ['people', 'duplicates', status],
    queryFn: ({ pageParam }) => api.get<{ rows: DuplicatePair[]; hasMore: boolean }>('/people/duplicates', { status, limit: PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.hasMore ? pages.length * PAGE : undefined),
  });
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];

  const scan = useMutation({
    mutationFn: () => api.post<ScanResult>('/people/duplicates/scan'),
    onSuccess: async (r) => {
      void message.success(t('ui.people.scanDone', { found: r.found, created: r.created }));
      await qc.invalidateQueries({ queryKey: ['people', 'duplicates'] });
    },
  });

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/people">← {t('ui.nav.people')}</Link>
      </Typography.Paragraph>
      <PageTitle
        extra={
          <Button icon={<ScanOutlined />} loading={scan.isPending} onClick={() => scan.mutate()}>
            {t('ui.people.scan')}
          </Button>
        }
      >
        {t('ui.people.duplicatesTitle')}
      </PageTitle>
      <ErrorAlert error={scan.error ?? list.error} />
      <div className="toolbar">
        <Segmented<DuplicateStatus>
          aria-label={t('ui.people.status')}
          value={status}
          onChange={setStatus}
          options={DUPLICATE_STATUSES.map((s) => ({ value: s, label: t(`ui.people.statuses.${s}`) }))}
        />
      </div>
      <Table<DuplicatePair>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: phone ? 480 : 900 }}
        locale={{ emptyText: t('ui.people.noPairs') }}
        columns={[
          { title: t('ui.people.score'), dataIndex: 'score', width: 80, render: (s: number) => scoreText(s) },
          { title: t('ui.people.recordA'), key: 'a', render: (_, r) => `${r.a.fullName} (#${r.a.id})` },
          { title: t('ui.people.recordB'), key: 'b', render: (_, r) => `${r.b.fullName} (#${r.b.id})` },
          {
            title: t('ui.people.reasons'),
            dataIndex: 'reasons',
            responsive: ['md'],
            render: (reasons: DuplicatePair['reasons']) => reasons.map((x) => <Tag key={x}>{t(`people.duplicateReasons.${x}`)}</Tag>),
          },
          { title: t('ui.people.detectedAt'), dataIndex: 'detectedAt', width: 140, responsive: ['lg'], render: (v: string) => formatDateTime(v) },
          {
            title: t('ui.common.actions'),
            key: 'act',
            width: 110,
            fixed: 'end',
            render: (_, r) => (
              <Button size="small" type={status === 'open' ? 'primary' : 'default'} onClick={() => setSelected(r)} aria-label={t('ui.people.reviewPair', { a: r.a.fullName, b: r.b.fullName })}>
                {status === 'open' ? t('ui.people.review') : t('ui.common.view')}
              </Button>
            ),
          },
        ]}
      />
      {list.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('ui.common.loadMore')}
          </Button>
        </div>
      )}
      <Drawer open={!!selected} onClose={() => setSelected(null)} size={phone ? '100%' : 760} title={t('ui.people.compareTitle')} destroyOnHidden>
        {selected && <ComparePair pair={selected} onDecided={() => setSelected(null)} />}
      </Drawer>
    </>
  );
}
