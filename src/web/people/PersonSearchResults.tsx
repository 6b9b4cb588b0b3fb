import { Button, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PersonSummary, SearchResponse } from '../../shared/api/people.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import { birthText, docText } from './format';

interface Props {
  /** What was searched for; nothing is asked before there is something. */
  q: string;
  /** Names the screen in the query key, so each keeps its own results. */
  purpose: string;
  /** Where the person lives, the last column: the commune, or the address line. */
  place: 'communeName' | 'addressLine';
  labels: { results: string; empty: string; hint: string; pick: string; pickNamed: (name: string) => string };
  onPick: (p: PersonSummary) => void;
  exclude?: number[];
  /** Marks the rows `<testId>-result` (with the person's id) and their buttons `<testId>-pick`. */
  testId?: string;
}

/** The registered people a search finds (merged records left out), each with a button to choose them. */
export default function PersonSearchResults({ q, purpose, place, labels, onPick, exclude, testId }: Props) {
  const { t } = useTranslation();
  const results = useQuery({
    queryKey: ['people', 'search', q, undefined, purpose],
    queryFn: () => api.get<SearchResponse>('/people', { q, limit: 20 }),
    enabled: q.length > 0,
  });
  const rows = (results.data?.rows ?? []).filter((p) => !p.mergedInto && !exclude?.includes(p.id));

  return (
    <>
      <ErrorAlert error={results.error} />
      {q ? (
        <Table<PersonSummary>
          rowKey="id"
          size="small"
          loading={results.isFetching}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 760 }}
          aria-label={labels.results}
          locale={{ emptyText: labels.empty }}
          onRow={testId ? (p) => ({ 'data-testid': `${testId}-result`, 'data-person-id': p.id }) as object : undefined}
          columns={[
            { title: t('fields.fullName'), dataIndex: 'fullName', width: 190 },
            { title: t('fields.birthDate'), key: 'birth', width: 110, render: (_, r) => birthText(r) },
            { title: t('ui.people.document'), key: 'doc', width: 180, render: (_, r) => docText(t, r) },
            { title: t('fields.phone'), dataIndex: 'phone', width: 120 },
            place === 'communeName' ? { title: t('fields.communeId'), dataIndex: 'communeName', width: 160 } : { title: t('fields.addressLine'), dataIndex: 'addressLine', width: 200 },
            {
              title: '',
              key: 'pick',
              width: 100,
              fixed: 'end',
              render: (_, r) => (
                <Button size="small" type="primary" aria-label={labels.pickNamed(r.fullName)} onClick={() => onPick(r)} data-testid={testId && `${testId}-pick`}>
                  {labels.pick}
                </Button>
              ),
            },
          ]}
        />
      ) : (
        <Typography.Paragraph type="secondary">{labels.hint}</Typography.Paragraph>
      )}
    </>
  );
}
