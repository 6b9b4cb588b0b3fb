import { Alert, Button, Card, Image, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SampleView } from '../../shared/api/testing.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { testRow } from '../cases/domProps';
import { spacedCode } from './model';

const labelUrl = (code: string) => `/api/testing/samples/${code}/label.png`;

/** The samples recorded at this station since the page opened, the newest with its label to print. */
export default function RecordedSamples({ rows }: { rows: SampleView[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  const last = rows[0];
  const notes = [
    last.matched ? t(`testingUi.sampling.matched.${last.matched}`) : null,
    last.campaignId && !last.campaignMember ? t('testingUi.sampling.notMember') : null,
    last.resampleTaskId ? t('testingUi.sampling.resampleDone') : null,
    last.pool ? t(last.pool.closed ? 'testingUi.sampling.poolFull' : 'testingUi.sampling.inPool', { code: spacedCode(last.pool.code), members: last.pool.members, size: last.pool.sizeLimit }) : null,
  ].filter(Boolean);
  return (
    <Card size="small" title={t('testingUi.sampling.recorded')}>
      <Alert
        type="success"
        showIcon
        role="status"
        data-testid="sampling-done"
        title={t('testingUi.sampling.recordedOne', { code: spacedCode(last.code), name: last.person?.fullName ?? '' })}
        description={notes.length ? notes.join(' · ') : undefined}
        style={{ marginBottom: 12 }}
        action={
          <Space orientation="vertical" align="center">
            <Image src={labelUrl(last.code)} width={96} alt={t('testingUi.sampling.labelOf', { code: last.code })} data-testid="sample-label-png" />
            <Button size="small" href={labelUrl(last.code)} target="_blank">
              {t('testingUi.sampling.printLabel')}
            </Button>
          </Space>
        }
      />
      <Table<SampleView>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 690 }}
        aria-label={t('testingUi.sampling.recorded')}
        onRow={(s) => testRow('sampling-recorded-row', { 'data-code': s.code })}
        columns={[
          { title: t('testingUi.fields.sample'), dataIndex: 'code', width: 140, render: (c: string) => <Typography.Text code>{spacedCode(c)}</Typography.Text> },
          {
            title: t('testingUi.fields.person'),
            key: 'person',
            width: 200,
            render: (_, s) => (
              <>
                {s.person?.fullName ?? t('testingUi.common.outsideJurisdiction')}
                {s.campaignId && !s.campaignMember && (
                  <Tag color="orange" style={{ marginInlineStart: 6 }}>
                    {t('testingUi.sampling.notMemberShort')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: t('testingUi.fields.pool'),
            key: 'pool',
            width: 140,
            render: (_, s) => (s.pool ? <Typography.Text code>{spacedCode(s.pool.code)}</Typography.Text> : '—'),
          },
          { title: t('testingUi.fields.collectedAt'), dataIndex: 'collectedAt', width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: '',
            key: 'label',
            width: 60,
            render: (_, s) => (
              <a href={labelUrl(s.code)} target="_blank" rel="noreferrer">
                {t('testingUi.sampling.labelLink')}
              </a>
            ),
          },
        ]}
      />
    </Card>
  );
}
