import { useDownload } from '../components/useDownload';
import { Button, Input, Table, Typography } from 'antd';
import { DownloadOutlined, MergeCellsOutlined, UserAddOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PersonSummary, SearchResponse } from '../../shared/api/people.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import UnitSelect from '../components/UnitSelect';
import { birthText, docText } from './format';

const PAGE = 50;

export default function PeopleSearchPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unitId = Number(params.get('unit')) || undefined;
  const file = useDownload();

  const results = useInfiniteQuery({
    queryKey: ['people', 'search', q, unitId],
    queryFn: ({ pageParam }) => api.get<SearchResponse>('/people', { q, unitId, limit: PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.hasMore ? pages.length * PAGE : undefined),
    enabled: q.length > 0,
  });
  const rows = results.data?.pages.flatMap((p) => p.rows) ?? [];

  function update(key: string, value: string | undefined) {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  }

  const exportXlsx = () => file.download('/people/export.xlsx', { q: q || undefined, unitId }, 'nguoi-dan.xlsx', t('ui.people.exported'));

  return (
    <>
      <PageTitle
        extra={
          <>
            {can('people.write') && (
              <LinkButton to="/people/new" type="primary" icon={<UserAddOutlined />}>
                {t('ui.people.add')}
              </LinkButton>
            )}
            {can('people.merge') && (
              <LinkButton to="/people/duplicates" icon={<MergeCellsOutlined />}>
                {t('ui.people.duplicates')}
              </LinkButton>
            )}
            {can('people.export') && (
              <Button icon={<DownloadOutlined />} loading={file.busy} onClick={() => void exportXlsx()}>
                {t('ui.people.export')}
              </Button>
            )}
          </>
        }
      >
        {t('ui.nav.people')}
      </PageTitle>
      <form
        role="search"
        className="toolbar"
        onSubmit={(e) => e.preventDefault()}
      >
        <Input.Search
          name="q"
          defaultValue={q}
          allowClear
          enterButton={t('ui.common.search')}
          placeholder={t('ui.people.searchPlaceholder')}
          aria-label={t('ui.people.searchLabel')}
          onSearch={(v) => update('q', v.trim())}
          style={{ flex: '1 1 320px', maxWidth: 560 }}
        />
        <div style={{ flex: '0 1 320px', minWidth: 220 }}>
          <UnitSelect
            aria-label={t('ui.people.unitFilter')}
            placeholder={t('ui.people.unitFilter')}
            allowClear
            value={unitId}
            onChange={(v) => update('unit', v ? String(v) : undefined)}
          />
        </div>
      </form>
      <ErrorAlert error={results.error ?? file.error} />
      {!q ? (
        <Typography.Paragraph type="secondary">{t('ui.people.searchHint')}</Typography.Paragraph>
      ) : (
        <>
          <Table<PersonSummary>
            rowKey="id"
            size="small"
            loading={results.isPending || (results.isFetching && !results.isFetchingNextPage)}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 860 }}
            locale={{ emptyText: t('ui.people.noResults') }}
            columns={[
              { title: t('fields.fullName'), dataIndex: 'fullName', fixed: 'start', width: 190, render: (v: string, r) => <Link to={`/people/${r.id}`}>{v}</Link> },
              { title: t('fields.birthDate'), key: 'birth', width: 120, render: (_, r) => birthText(r) },
              { title: t('fields.sex'), dataIndex: 'sex', width: 80, render: (s: PersonSummary['sex']) => t(`people.sex.${s}`) },
              { title: t('ui.people.document'), key: 'doc', width: 190, render: (_, r) => docText(t, r) },
              { title: t('fields.phone'), dataIndex: 'phone', width: 130 },
              { title: t('fields.communeId'), dataIndex: 'communeName', width: 180 },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            {results.hasNextPage && (
              <Button onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage}>
                {t('ui.common.loadMore')}
              </Button>
            )}
            {rows.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} aria-live="polite">
                {t('ui.people.shown', { count: rows.length })}
              </Typography.Paragraph>
            )}
          </div>
        </>
      )}
    </>
  );
}
