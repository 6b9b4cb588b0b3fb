import { Card, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { DeclarationSummary } from '../../shared/api/declarations.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import { useProfileNames } from './names';
import { ReasonTags, StatusTag } from './ReasonTags';

/** The person's declarations in the reader's jurisdiction, newest first, for the person page. */
export default function PersonDeclarationsCard({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const names = useProfileNames();
  const list = useQuery({
    queryKey: ['declarations', 'person', personId],
    queryFn: () => api.get<DeclarationSummary[]>('/declarations', { personId }),
  });
  return (
    <Card title={t('ui.declarations.personCard')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={list.error} />
      <Table<DeclarationSummary>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={(list.data?.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 760 }}
        aria-label={t('ui.declarations.personCard')}
        locale={{ emptyText: t('ui.declarations.personNone') }}
        columns={[
          {
            title: t('ui.declarations.submittedAt'),
            dataIndex: 'submittedAt',
            width: 150,
            render: (v: string, r) => (
              <Link to={`/declarations/${r.id}`} aria-label={t('ui.declarations.openDeclaration', { id: r.id, name: r.fullName })}>
                {formatDateTime(v)}
              </Link>
            ),
          },
          { title: t('fields.kind'), dataIndex: 'kind', width: 170, render: (k: DeclarationSummary['kind']) => t(`declarations.kinds.${k}`) },
          { title: t('ui.declarations.reasons'), key: 'reasons', render: (_, r) => <ReasonTags reasons={r.triageReasons} names={names} /> },
          {
            title: t('ui.declarations.status'),
            key: 'status',
            width: 170,
            render: (_, r) => (
              <>
                <StatusTag status={r.triageStatus} />
                {r.lastAction && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t(`declarations.triageActions.${r.lastAction.action}`)}
                  </Typography.Text>
                )}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
