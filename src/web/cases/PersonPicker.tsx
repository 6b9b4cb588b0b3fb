import { useState } from 'react';
import { Button, Input, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PersonSummary, SearchResponse } from '../../shared/api/people.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import { birthText, docText } from '../people/format';

/** Finds a registered person with the people search (name, document, phone) and hands the chosen one back. */
export default function PersonPicker({ onPick, pickLabel, exclude }: { onPick: (p: PersonSummary) => void; pickLabel?: string; exclude?: number[] }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const results = useQuery({
    queryKey: ['people', 'search', q, undefined, 'picker'],
    queryFn: () => api.get<SearchResponse>('/people', { q, limit: 20 }),
    enabled: q.length > 0,
  });
  const rows = (results.data?.rows ?? []).filter((p) => !p.mergedInto && !exclude?.includes(p.id));

  return (
    <div>
      <Input.Search
        allowClear
        enterButton={t('ui.common.search')}
        placeholder={t('ui.people.searchPlaceholder')}
        aria-label={t('casesUi.picker.searchLabel')}
        onSearch={(v) => setQ(v.trim())}
        style={{ maxWidth: 560, marginBottom: 12 }}
      />
      <ErrorAlert error={results.error} />
      {q ? (
        <Table<PersonSummary>
          rowKey="id"
          size="small"
          loading={results.isFetching}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 760 }}
          aria-label={t('casesUi.picker.results')}
          locale={{ emptyText: t('ui.people.noResults') }}
          columns={[
            { title: t('fields.fullName'), dataIndex: 'fullName', width: 190 },
            { title: t('fields.birthDate'), key: 'birth', width: 110, render: (_, r) => birthText(r) },
            { title: t('ui.people.document'), key: 'doc', width: 180, render: (_, r) => docText(t, r) },
            { title: t('fields.phone'), dataIndex: 'phone', width: 120 },
            { title: t('fields.communeId'), dataIndex: 'communeName', width: 160 },
            {
              title: '',
              key: 'pick',
              width: 100,
              fixed: 'end',
              render: (_, r) => (
                <Button size="small" type="primary" aria-label={t('casesUi.picker.pickNamed', { name: r.fullName })} onClick={() => onPick(r)}>
                  {pickLabel ?? t('casesUi.picker.pick')}
                </Button>
              ),
            },
          ]}
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('casesUi.picker.hint')}</Typography.Paragraph>
      )}
    </div>
  );
}
