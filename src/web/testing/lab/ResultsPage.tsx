import { Card, DatePicker, Input, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TEST_RESULTS, TEST_TYPES, type ResultView, type TestResult, type TestType } from '../../../shared/api/testing.js';
import { formatDateTime, parseDate } from '../../../shared/vn/dates.js';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import ErrorAlert from '../../components/ErrorAlert';
import PageTitle from '../../components/PageTitle';
import { testRow } from '../../cases/domProps';
import TestingTabs from '../TestingTabs';
import { PersonCell, ResultTag, useLabs } from './parts';
import ResultEntryForm from './ResultEntryForm';
import { useUrlFilters } from '../../components/useUrlFilters';

const PAGE = 50;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/** Results by sample or pool code, and the results recorded so far, newest first. */
export default function ResultsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const labs = useLabs();
  const [params, update] = useUrlFilters();
  const code = params.get('code') ?? '';
  const result = oneOf(TEST_RESULTS, params.get('result'));
  const testType = oneOf(TEST_TYPES, params.get('type'));
  const labId = Number(params.get('lab')) || undefined;
  const from = parseDate(params.get('from') ?? '') ?? undefined;
  const to = parseDate(params.get('to') ?? '') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters = { code: code || undefined, result, testType, labId, from, to };

  const list = useQuery({
    queryKey: ['testing', 'results', filters, page],
    queryFn: () => api.get<{ total: number; rows: ResultView[] }>('/testing/results', { ...filters, limit: PAGE, offset: (page - 1) * PAGE }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageTitle>{t('labWeb.results.title')}</PageTitle>
      <TestingTabs />
      {can('testing.lab') && (
        <Card title={t('labWeb.results.entryTitle')} style={{ marginBottom: 16 }}>
          <ResultEntryForm />
        </Card>
      )}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('labWeb.results.listTitle')}
      </Typography.Title>
      <form role="search" className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <Input.Search
          key={code}
          defaultValue={code}
          allowClear
          enterButton={t('ui.common.search')}
          placeholder={t('labWeb.results.searchCode')}
          aria-label={t('labWeb.results.searchCodeLabel')}
          onSearch={(v) => update({ code: v.trim() })}
          style={{ flex: '1 1 240px', maxWidth: 320 }}
          data-testid="results-filter-code"
        />
        <Select<TestResult | ''>
          aria-label={t('labWeb.fields.result')}
          value={result ?? ''}
          onChange={(v) => update({ result: v || undefined })}
          options={[{ value: '', label: t('labWeb.common.allResults') }, ...TEST_RESULTS.map((r) => ({ value: r, label: t(`testing.result.${r}`) }))]}
          style={{ width: 160 }}
          data-testid="results-filter-result"
        />
        <Select<TestType | ''>
          aria-label={t('labWeb.fields.testType')}
          value={testType ?? ''}
          onChange={(v) => update({ type: v || undefined })}
          options={[{ value: '', label: t('labWeb.common.allTestTypes') }, ...TEST_TYPES.map((k) => ({ value: k, label: t(`testing.testType.${k}`) }))]}
          style={{ width: 200 }}
        />
        {(labs.data?.length ?? 0) > 1 && (
          <Select<number | 0>
            aria-label={t('labWeb.common.lab')}
            value={labId ?? 0}
            onChange={(v) => update({ lab: v ? String(v) : undefined })}
            options={[{ value: 0, label: t('labWeb.common.allLabs') }, ...(labs.data ?? []).map((l) => ({ value: l.id, label: l.name }))]}
            style={{ width: 240 }}
          />
        )}
        <DatePicker.RangePicker
          aria-label={t('labWeb.common.dates')}
          format="DD/MM/YYYY"
          placeholder={[t('labWeb.common.from'), t('labWeb.common.to')]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(d) => update({ from: d?.[0]?.format('YYYY-MM-DD'), to: d?.[1]?.format('YYYY-MM-DD') })}
          style={{ width: 260 }}
        />
      </form>
      <ErrorAlert error={list.error} />
      <Table<ResultView>
        rowKey={(r) => `${r.kind}-${r.code}`}
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        scroll={{ x: 1150 }}
        aria-label={t('labWeb.results.listTitle')}
        locale={{ emptyText: t('labWeb.results.none') }}
        onRow={(r) => testRow('result-row', { 'data-code': r.code, 'data-result': r.result })}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('labWeb.results.total', { count: n }),
          onChange: (p) => update({ page: p > 1 ? String(p) : undefined }),
        }}
        columns={[
          {
            title: t('labWeb.fields.code'),
            key: 'code',
            fixed: 'start',
            width: 170,
            render: (_, r) => (
              <>
                <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                  {r.code}
                </Typography.Text>
                {r.kind === 'pool' && (
                  <Tag color="purple" style={{ marginInlineStart: 6 }}>
                    {t('labWeb.common.pool')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: t('labWeb.fields.person'),
            key: 'person',
            width: 220,
            render: (_, r) =>
              r.kind === 'pool' ? (
                <Typography.Text type="secondary">{t('labWeb.common.poolMembers', { count: r.members ?? 0 })}</Typography.Text>
              ) : (
                <PersonCell personId={r.personId!} person={r.person} />
              ),
          },
          { title: t('labWeb.fields.result'), key: 'result', width: 170, render: (_, r) => <ResultTag result={r.result} ct={r.ctValue} /> },
          { title: t('labWeb.fields.testType'), dataIndex: 'testType', width: 170, render: (v: TestType) => t(`testing.testType.${v}`) },
          { title: t('labWeb.fields.testedAt'), dataIndex: 'testedAt', width: 140, render: (v: string) => formatDateTime(v) },
          { title: t('labWeb.fields.collectedAt'), dataIndex: 'collectedAt', width: 140, render: (v: string) => formatDateTime(v) },
          { title: t('labWeb.fields.site'), key: 'site', width: 200, render: (_, r) => r.site.name },
          { title: t('labWeb.common.lab'), key: 'lab', width: 200, render: (_, r) => r.lab?.name ?? '—' },
          {
            title: t('labWeb.fields.source'),
            key: 'source',
            width: 130,
            render: (_, r) => (r.importId !== null ? t('labWeb.results.imported', { id: r.importId }) : t('labWeb.results.entered')),
          },
        ]}
      />
    </>
  );
}
