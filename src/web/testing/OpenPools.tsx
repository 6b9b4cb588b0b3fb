import { useState } from 'react';
import { Button, Card, Empty, List, Progress, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CustodyItem, CustodyItemDetail, CustodyItemsResponse } from '../../shared/api/testing-custody.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import { spacedCode } from './model';
import { TESTING_KEY } from './queries';

export const openPoolsKey = (campaignId: number, siteId: number) => [...TESTING_KEY, 'custody', 'open-pools', campaignId, siteId];

/** The pools still filling at this site for this campaign (one per household or building when grouped), each with its members. */
export default function OpenPools({ campaignId, siteId }: { campaignId: number; siteId: number }) {
  const { t } = useTranslation();
  const pools = useQuery({
    queryKey: openPoolsKey(campaignId, siteId),
    queryFn: () => api.get<CustodyItemsResponse>('/testing/custody', { state: 'collected', kind: 'pool', campaignId, siteId, open: true, limit: 50 }),
  });
  return (
    <Card size="small" title={t('testingUi.pool.title')} data-testid="open-pools">
      <ErrorAlert error={pools.error} />
      {pools.data && pools.data.rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('testingUi.pool.noneOpen')} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {(pools.data?.rows ?? []).map((p) => (
          <PoolMembers key={p.code} pool={p} />
        ))}
      </Space>
    </Card>
  );
}

function PoolMembers({ pool }: { pool: CustodyItem }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const detail = useQuery({
    queryKey: [...TESTING_KEY, 'custody', 'item', pool.code, pool.sampleCount],
    queryFn: () => api.get<CustodyItemDetail>(`/testing/custody/${pool.code}`),
  });
  async function close() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/testing/pools/${pool.code}/close`);
      await qc.invalidateQueries({ queryKey: [...TESTING_KEY, 'custody'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const size = pool.sizeLimit ?? 0;
  return (
    <div data-testid="pool" data-pool-code={pool.code} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}>
      <div className="toolbar" style={{ justifyContent: 'space-between', marginBottom: 8 }}>
        <Space>
          <Typography.Text strong code data-testid="pool-code">
            {spacedCode(pool.code)}
          </Typography.Text>
          <Typography.Text>{t('testingUi.pool.fill', { members: pool.sampleCount, size })}</Typography.Text>
        </Space>
        <Space>
          <Button href={`/api/testing/samples/${pool.code}/label.png`} target="_blank" size="small">
            {t('testingUi.pool.label')}
          </Button>
          <Button danger size="small" loading={busy} onClick={close} data-testid="pool-close">
            {t('testingUi.pool.close')}
          </Button>
        </Space>
      </div>
      <Progress percent={size ? Math.round((pool.sampleCount / size) * 100) : 0} showInfo={false} size="small" />
      <ErrorAlert error={error ?? detail.error} />
      <List
        size="small"
        data-testid="pool-members"
        loading={detail.isFetching && !detail.data}
        dataSource={detail.data?.samples ?? []}
        locale={{ emptyText: t('testingUi.pool.empty') }}
        renderItem={(s, i) => (
          <List.Item data-testid="pool-member">
            <Space wrap>
              <span>{i + 1}.</span>
              <span>{s.person?.fullName ?? t('testingUi.common.outsideJurisdiction')}</span>
              <Typography.Text type="secondary" code>
                {spacedCode(s.code)}
              </Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(s.collectedAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
