import { Card, Descriptions, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { DeclarationDetail, TriageActionView } from '../../shared/api/declarations.js';
import { formatDate, formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import AnswersView from './AnswersView';
import { useProfileNames } from './names';
import { ReasonTags, StatusTag } from './ReasonTags';
import TriageForm from './TriageForm';

export default function DeclarationPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id } = useParams();
  const query = useQuery({ queryKey: ['declarations', 'detail', id], queryFn: () => api.get<DeclarationDetail>(`/declarations/${id}`) });
  const d = query.data;
  const names = useProfileNames(d?.profileId, d !== undefined);
  const profile = names.profile;

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/declarations">← {t('ui.declarations.backToWorklist')}</Link>
      </Typography.Paragraph>
      <PageTitle extra={d && <StatusTag status={d.triageStatus} />}>
        {d ? t('ui.declarations.detailTitle', { id: d.id, name: d.fullName }) : t('ui.common.loading')}
      </PageTitle>
      <ErrorAlert error={query.error} />
      <Card loading={query.isPending} style={{ marginBottom: 16 }}>
        {d && (
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'kind', label: t('fields.kind'), children: t(`declarations.kinds.${d.kind}`) },
              { key: 'submitted', label: t('ui.declarations.submittedAt'), children: formatDateTime(d.submittedAt) },
              { key: 'person', label: t('ui.declarations.person'), children: <Link to={`/people/${d.personId}`}>{d.fullName}</Link> },
              { key: 'commune', label: t('fields.communeId'), children: d.communeName },
              { key: 'reasons', label: t('ui.declarations.reasons'), span: 'filled', children: <ReasonTags reasons={d.triageReasons} names={names} /> },
              {
                key: 'profile',
                label: t('ui.declarations.checkedAgainst'),
                span: 'filled',
                children: profile ? (
                  <Link to={`/profiles/${profile.id}`}>
                    {t('ui.declarations.profileVersion', { label: profile.label, version: profile.version, from: formatDate(profile.effectiveFrom) })}
                  </Link>
                ) : (
                  `#${d.profileId}`
                ),
              },
              ...(d.supersedesId
                ? [{ key: 'supersedes', label: t('ui.declarations.supersedes'), children: <Link to={`/declarations/${d.supersedesId}`}>#{d.supersedesId}</Link> }]
                : []),
              ...(d.personDifferences.length
                ? [
                    {
                      key: 'differences',
                      label: t('ui.declarations.differences'),
                      span: 'filled' as const,
                      children: (
                        <Typography.Text type="warning">{d.personDifferences.map((f) => t(`fields.${f}`, { defaultValue: f })).join(', ')}</Typography.Text>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {d && <AnswersView d={d} names={names} />}
      {d && (
        <Card title={t('ui.declarations.history')} style={{ marginBottom: 16 }}>
          <Table<TriageActionView>
            rowKey="id"
            size="small"
            dataSource={d.actions}
            pagination={false}
            scroll={{ x: 560 }}
            aria-label={t('ui.declarations.history')}
            locale={{ emptyText: t('ui.declarations.noActions') }}
            columns={[
              { title: t('ui.declarations.actionAt'), dataIndex: 'at', width: 140, render: (v: string) => formatDateTime(v) },
              { title: t('fields.action'), dataIndex: 'action', width: 170, render: (a: TriageActionView['action']) => t(`declarations.triageActions.${a}`) },
              { title: t('fields.outcome'), dataIndex: 'outcome', render: (v: string) => v || '—' },
              { title: t('ui.declarations.actionBy'), dataIndex: 'accountId', width: 110, render: (v: number) => t('ui.declarations.account', { id: v }) },
            ]}
          />
        </Card>
      )}
      {d && can('declarations.triage') && (
        <Card title={t('ui.declarations.triageTitle')}>
          <TriageForm declarationId={d.id} />
        </Card>
      )}
    </>
  );
}
