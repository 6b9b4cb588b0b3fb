import { useState } from 'react';
import { Button, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { dueTestsResponse } from '../../shared/api/quarantine.js';
import { formatDate, todayInVietnam } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import { testRow } from '../cases/domProps';
import { QUARANTINE_KEY, useFacilities } from './queries';
import QuarantineTabs from './QuarantineTabs';
import RecordTestModal, { type TestTask } from './RecordTestModal';
import { serverPaging } from '../components/paging';

type DueRow = z.infer<typeof dueTestsResponse>['rows'][number];
const PAGE = 100;

/** The sampling worklist: test tasks of people still staying, due today or overdue, by facility and room. */
export default function TestsDuePage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [task, setTask] = useState<TestTask | null>(null);
  const facilities = useFacilities();
  const today = todayInVietnam();
  const facilityId = Number(params.get('facilityId')) || undefined;
  const dueOn = /^\d{4}-\d{2}-\d{2}$/.test(params.get('dueOn') ?? '') ? params.get('dueOn')! : today;
  const page = Number(params.get('page')) || 1;
  const query = { facilityId, dueOn, limit: PAGE, offset: (page - 1) * PAGE };
  const due = useQuery({ queryKey: [...QUARANTINE_KEY, 'tests-due', query], queryFn: () => api.get<z.infer<typeof dueTestsResponse>>('/quarantine/tests/due', query) });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle>{t('quarantineUi.tests.dueTitle')}</PageTitle>
      <QuarantineTabs />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('quarantineUi.stays.allFacilities')}
          aria-label={t('quarantineUi.fields.facility')}
          value={facilityId}
          onChange={(v?: number) => set('facilityId', v ? String(v) : undefined)}
          options={(facilities.data?.rows ?? []).map((f) => ({ value: f.id, label: f.name }))}
          style={{ width: 280 }}
        />
        <Typography.Text>{t('quarantineUi.tests.dueBy')}</Typography.Text>
        <DatePicker
          format="DD/MM/YYYY"
          allowClear={false}
          aria-label={t('quarantineUi.tests.dueBy')}
          value={dayjs(dueOn)}
          onChange={(d) => set('dueOn', d && d.format('YYYY-MM-DD') !== today ? d.format('YYYY-MM-DD') : undefined)}
        />
      </Space>
      <ErrorAlert error={due.error} />
      <Table<DueRow>
        rowKey="id"
        size="small"
        loading={due.isFetching}
        dataSource={due.data?.rows ?? []}
        scroll={{ x: 900 }}
        aria-label={t('quarantineUi.tests.dueTitle')}
        locale={{ emptyText: t('quarantineUi.tests.noneDue') }}
        onRow={(r) => testRow('tests-due-row', { 'data-stay-id': r.stayId, 'data-day-number': r.dayNumber, 'data-due-on': r.dueOn })}
        pagination={serverPaging({
          page,
          pageSize: PAGE,
          total: due.data?.total ?? 0,
          totalText: (n) => t('quarantineUi.tests.total', { count: n, n: formatNumber(n) }),
          onPage: (p) => set('page', p > 1 ? String(p) : undefined),
        })}
        columns={[
          { title: t('quarantineUi.fields.person'), key: 'person', width: 200, render: (_, r) => <Link to={`/quarantine/stays/${r.stayId}`}>{r.fullName ?? t('quarantineUi.stays.outside', { id: r.personId })}</Link> },
          { title: t('quarantineUi.fields.facility'), key: 'facility', width: 300, render: (_, r) => r.facility ?? t('quarantineUi.place.home') },
          { title: t('quarantineUi.fields.room'), dataIndex: 'room', width: 90, render: (c: string | null) => c ?? '' },
          { title: t('quarantineUi.tests.day'), key: 'day', width: 100, render: (_, r) => t('quarantineUi.tests.dayN', { day: r.dayNumber }) },
          {
            title: t('quarantineUi.tests.dueOn'),
            key: 'due',
            width: 150,
            render: (_, r) => (
              <>
                {formatDate(r.dueOn)} {r.dueOn < today && <Tag color="red">{t('quarantineUi.tests.overdue')}</Tag>}
              </>
            ),
          },
          { title: t('quarantineUi.tests.sampleCode'), key: 'sample', width: 150, render: (_, r) => (r.sampleCode ? <Tag color="blue">{r.sampleCode}</Tag> : '') },
          ...(can('quarantine.admit')
            ? [
                {
                  title: '',
                  key: 'record',
                  width: 110,
                  render: (_: unknown, r: DueRow) => (
                    <Button size="small" onClick={() => setTask({ stayId: r.stayId, testId: r.id, dayNumber: r.dayNumber, dueOn: r.dueOn, who: r.fullName })} data-testid="tests-due-record">
                      {t('quarantineUi.tests.record')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <RecordTestModal task={task} onClose={() => setTask(null)} />
    </>
  );
}
