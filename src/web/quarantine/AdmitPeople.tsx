import { useState } from 'react';
import { Button, Input, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PersonSummary, SearchResponse } from '../../shared/api/people.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import { birthText, docText } from '../people/format';
import { testRow } from '../cases/domProps';

interface Props {
  value?: PersonSummary[];
  onChange?: (people: PersonSummary[]) => void;
  /** The row the server named in its error ("personIds[3]"). */
  errorIndex?: number | null;
}

/** The people to admit: found one by one with the people search, or filled from a case's F1s; each can be taken off. */
export default function AdmitPeople({ value = [], onChange, errorIndex }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const results = useQuery({
    queryKey: ['people', 'search', q, undefined, 'admission'],
    queryFn: () => api.get<SearchResponse>('/people', { q, limit: 20 }),
    enabled: q.length > 0,
  });
  const listed = new Set(value.map((p) => p.id));
  const hits = (results.data?.rows ?? []).filter((p) => !p.mergedInto);
  const add = (p: PersonSummary) => onChange?.([...value, p]);

  return (
    <div>
      <Space.Compact style={{ width: '100%', maxWidth: 560, marginBottom: 8 }}>
        <Input
          allowClear
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onPressEnter={(e) => {
            e.preventDefault();
            setQ(typed.trim());
          }}
          placeholder={t('ui.people.searchPlaceholder')}
          aria-label={t('quarantineUi.admit.searchLabel')}
          data-testid="admit-person-search"
        />
        <Button onClick={() => setQ(typed.trim())} data-testid="admit-person-search-submit">
          {t('ui.common.search')}
        </Button>
      </Space.Compact>
      <ErrorAlert error={results.error} />
      {q && (
        <Table<PersonSummary>
          rowKey="id"
          size="small"
          loading={results.isFetching}
          dataSource={hits}
          pagination={false}
          scroll={{ x: 760, y: 240 }}
          style={{ marginBottom: 12 }}
          aria-label={t('quarantineUi.admit.searchResults')}
          locale={{ emptyText: t('ui.people.noResults') }}
          onRow={(p) => testRow('admit-person-result', { 'data-person-id': p.id })}
          columns={[
            { title: t('fields.fullName'), dataIndex: 'fullName', width: 190 },
            { title: t('fields.birthDate'), key: 'birth', width: 100, render: (_, r) => birthText(r) },
            { title: t('ui.people.document'), key: 'doc', width: 170, render: (_, r) => docText(t, r) },
            { title: t('fields.communeId'), dataIndex: 'communeName', width: 160 },
            {
              title: '',
              key: 'add',
              width: 100,
              fixed: 'end',
              render: (_, r) => (
                <Button size="small" icon={<PlusOutlined />} disabled={listed.has(r.id)} aria-label={t('quarantineUi.admit.addNamed', { name: r.fullName })} onClick={() => add(r)} data-testid="admit-person-add">
                  {listed.has(r.id) ? t('quarantineUi.admit.added') : t('quarantineUi.admit.add')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <div data-testid="admit-people" data-count={value.length}>
        <Space style={{ marginBottom: 4 }}>
          <Typography.Text strong>{t('quarantineUi.admit.listed', { count: value.length })}</Typography.Text>
          {value.length > 0 && (
            <Button size="small" type="link" danger onClick={() => onChange?.([])}>
              {t('quarantineUi.admit.clear')}
            </Button>
          )}
        </Space>
        {value.length > 0 && (
          <Table<PersonSummary>
            rowKey="id"
            size="small"
            dataSource={value}
            pagination={value.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 700 }}
            aria-label={t('quarantineUi.admit.people')}
            rowClassName={(_, i) => (i === errorIndex ? 'ant-table-row-selected' : '')}
            onRow={(p, i) => testRow('admit-person', { 'data-person-id': p.id, 'data-error': i === errorIndex ? 'true' : 'false' })}
            columns={[
              { title: '#', key: 'n', width: 50, render: (_, __, i) => i + 1 },
              { title: t('fields.fullName'), dataIndex: 'fullName', width: 190, render: (name: string, _, i) => <Typography.Text type={i === errorIndex ? 'danger' : undefined}>{name}</Typography.Text> },
              { title: t('fields.sex'), key: 'sex', width: 80, render: (_, r) => t(`people.sex.${r.sex}`, { defaultValue: r.sex }) },
              { title: t('fields.birthDate'), key: 'birth', width: 100, render: (_, r) => birthText(r) },
              { title: t('fields.communeId'), dataIndex: 'communeName', width: 160 },
              {
                title: '',
                key: 'remove',
                width: 50,
                render: (_, r) => (
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('quarantineUi.admit.removeNamed', { name: r.fullName })} onClick={() => onChange?.(value.filter((p) => p.id !== r.id))} />
                ),
              },
            ]}
          />
        )}
      </div>
    </div>
  );
}
