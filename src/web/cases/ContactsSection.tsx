import { Badge, Empty, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { contactRow } from '../../shared/api/cases.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import { formatNumber } from '../components/format';
import { levelLabel } from './levels';
import { testRow } from './domProps';
import { LevelTag } from './tags';

type Row = z.infer<typeof contactRow>;
const LIMIT = 500;

/** The people traced from this case, F1 first, each with who they were exposed through and their open tasks. */
export default function ContactsSection({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['cases', 'contacts', caseId],
    queryFn: () => api.get<{ total: number; rows: Row[] }>('/tracing/contacts', { caseId, limit: LIMIT }),
  });
  const rows = list.data?.rows ?? [];
  const levels = [...new Set(rows.map((r) => r.level))].sort((a, b) => a - b);

  return (
    <section aria-labelledby="contacts-title" data-testid="contacts">
      <Typography.Title level={3} id="contacts-title" style={{ fontSize: 18 }}>
        {t('casesUi.contacts.title', { count: list.data?.total ?? 0 })}
      </Typography.Title>
      <ErrorAlert error={list.error} />
      {list.data && rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('casesUi.contacts.none')} />}
      {list.data && list.data.total > rows.length && (
        <Typography.Paragraph type="warning">{t('casesUi.contacts.more', { shown: rows.length, total: list.data.total })}</Typography.Paragraph>
      )}
      {levels.map((level) => {
        const ofLevel = rows.filter((r) => r.level === level);
        return (
          <div key={level} data-testid={`contacts-${levelLabel(level)}`} style={{ marginBottom: 16 }}>
            <Typography.Title level={4} style={{ fontSize: 15 }}>
              <LevelTag level={level} /> {t('casesUi.contacts.people', { count: ofLevel.length, n: formatNumber(ofLevel.length) })}
            </Typography.Title>
            <Table<Row>
              rowKey="personId"
              size="small"
              dataSource={ofLevel}
              pagination={ofLevel.length > 25 ? { pageSize: 25, showSizeChanger: false } : false}
              scroll={{ x: 760 }}
              aria-label={t('casesUi.contacts.levelTable', { level: levelLabel(level) })}
              onRow={(r) => testRow('contact-row', { 'data-level': r.level, 'data-person-id': r.personId })}
              columns={[
                {
                  title: t('casesUi.fields.person'),
                  key: 'person',
                  width: 220,
                  render: (_, r) =>
                    r.person ? (
                      <>
                        <Link to={`/people/${r.person.id}`}>{r.person.fullName}</Link>
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                          {[r.person.phone, r.person.communeName].filter(Boolean).join(' · ')}
                        </Typography.Text>
                      </>
                    ) : (
                      <Typography.Text type="secondary">{t('casesUi.common.outside')}</Typography.Text>
                    ),
                },
                {
                  title: t('casesUi.contacts.via'),
                  key: 'via',
                  width: 200,
                  render: (_, r) => (r.via ? r.via.fullName ? <Link to={`/people/${r.via.id}`}>{r.via.fullName}</Link> : t('casesUi.common.outside') : '—'),
                },
                { title: t('casesUi.contacts.exposedAt'), dataIndex: 'exposedAt', width: 150, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
                { title: t('casesUi.contacts.since'), dataIndex: 'since', width: 150, render: (v: string) => formatDateTime(v) },
                {
                  title: t('casesUi.contacts.openTasks'),
                  dataIndex: 'openTasks',
                  width: 120,
                  render: (n: number) => (n ? <Badge count={n} color="orange" showZero={false} /> : <Typography.Text type="secondary">0</Typography.Text>),
                },
              ]}
            />
          </div>
        );
      })}
    </section>
  );
}
