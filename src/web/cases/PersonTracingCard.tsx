import { Card, Descriptions, Table, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ExposureView, LevelChangeView, PersonTracing } from '../../shared/api/cases.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import EvidenceText from './EvidenceText';
import { levelLabel } from './levels';
import RemoveExposure from './RemoveExposure';
import { LevelTag } from './tags';

/** A level change in words: "F2 → F1 because Nguyễn Văn A became F0". */
export function useChangeText() {
  const { t } = useTranslation();
  return (c: LevelChangeView) => t(`cases.levelReasons.${c.reason}`, { ...c.params, from: levelLabel(c.fromLevel), to: levelLabel(c.toLevel) });
}

/** The person as tracing sees them: their level and why, through whom, and every exposure recorded. */
export default function PersonTracingCard({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const changeText = useChangeText();
  const q = useQuery({ queryKey: ['cases', 'person', personId], queryFn: () => api.get<PersonTracing>(`/tracing/people/${personId}`) });
  const p = q.data;
  const other = (e: ExposureView) => (e.source.id === personId ? e.contact : e.source);

  return (
    <Card
      title={t('casesUi.person.title')}
      style={{ marginBottom: 16 }}
      loading={q.isPending}
      data-testid="person-tracing"
      extra={
        p &&
        (p.caseId ? (
          <LinkButton to={`/cases/${p.caseId}`}>{t('casesUi.person.openCase')}</LinkButton>
        ) : (
          can('cases.write') && (
            <LinkButton to={`/cases/new?person=${personId}`} icon={<PlusOutlined />}>
              {t('casesUi.person.newCase')}
            </LinkButton>
          )
        ))
      }
    >
      <ErrorAlert error={q.error} />
      {p && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'level',
                label: t('casesUi.person.level'),
                children: p.level === null ? t('casesUi.person.notTraced') : <span data-testid="person-level"><LevelTag level={p.level} /></span>,
              },
              { key: 'root', label: t('casesUi.person.rootCase'), children: p.rootCase ? <Link to={`/cases/${p.rootCase.id}`}>{p.rootCase.code ?? `#${p.rootCase.id}`}</Link> : '—' },
              { key: 'via', label: t('casesUi.contacts.via'), children: p.via ? p.via.fullName ? <Link to={`/people/${p.via.id}`}>{p.via.fullName}</Link> : t('casesUi.common.outside') : '—' },
              { key: 'exposedAt', label: t('casesUi.contacts.exposedAt'), children: p.exposedAt ? formatDateTime(p.exposedAt) : '—' },
            ]}
          />
          {p.changes.length > 0 && (
            <>
              <Typography.Title level={4} style={{ fontSize: 15, marginTop: 12 }}>
                {t('casesUi.person.why')}
              </Typography.Title>
              <Timeline
                items={p.changes.map((c, i) => ({
                  key: i,
                  color: c.toLevel === null ? 'gray' : c.toLevel === 0 ? 'red' : 'orange',
                  content: (
                    <span data-testid="level-change">
                      <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                        {formatDateTime(c.at)}
                      </Typography.Text>
                      <LevelTag level={c.fromLevel} /> → <LevelTag level={c.toLevel} /> {changeText(c)}
                    </span>
                  ),
                }))}
              />
            </>
          )}
          <Typography.Title level={4} style={{ fontSize: 15, marginTop: 12 }}>
            {t('casesUi.person.exposures', { count: p.exposures.length })}
          </Typography.Title>
          <Table<ExposureView>
            rowKey="id"
            size="small"
            dataSource={p.exposures}
            pagination={p.exposures.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('casesUi.person.noExposures') }}
            rowClassName={(e) => (e.removedAt ? 'exposure-removed' : '')}
            columns={[
              { title: t('casesUi.person.when'), dataIndex: 'startedAt', width: 140, render: (v: string, e) => <span style={e.removedAt ? { textDecoration: 'line-through' } : undefined}>{formatDateTime(v)}</span> },
              {
                title: t('casesUi.person.with'),
                key: 'with',
                width: 190,
                render: (_, e) => {
                  const o = other(e);
                  return (
                    <>
                      {o.fullName ? <Link to={`/people/${o.id}`}>{o.fullName}</Link> : t('casesUi.common.outside')}
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t(e.source.id === personId ? 'casesUi.person.theyWereExposed' : 'casesUi.person.exposedBy')}
                      </Typography.Text>
                    </>
                  );
                },
              },
              { title: t('casesUi.graph.setting'), key: 'setting', width: 170, render: (_, e) => [t(`cases.setting.${e.setting}`), e.venue?.name ?? e.place].filter(Boolean).join(' · ') },
              { title: t('casesUi.proposals.evidence'), key: 'evidence', render: (_, e) => <EvidenceText evidence={e.evidence} omit={['venueName', 'venueAddress']} /> },
              {
                title: t('casesUi.person.origin'),
                key: 'origin',
                width: 150,
                render: (_, e) => (e.removedAt ? <Tag>{t('casesUi.person.removedAt', { at: formatDateTime(e.removedAt) })}</Tag> : t(`casesUi.origins.${e.origin}`)),
              },
              ...(can('cases.write')
                ? [{ title: '', key: 'remove', width: 56, render: (_: unknown, e: ExposureView) => !e.removedAt && <RemoveExposure exposureId={e.id} label={other(e).fullName ?? ''} /> }]
                : []),
            ]}
          />
        </>
      )}
    </Card>
  );
}
