import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ProfileSummaryDto, ProfileViewDto } from '../../shared/api/profiles.js';
import { formatDate, formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import RulesView from './RulesView';

export default function ProfilesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id } = useParams();
  const list = useQuery({ queryKey: ['profiles', 'list'], queryFn: () => api.get<ProfileSummaryDto[]>('/profiles') });
  const inForce = useQuery({ queryKey: ['profiles', 'in-force'], queryFn: () => api.get<ProfileViewDto>('/profiles/in-force'), retry: false });
  const selectedId = id ? Number(id) : inForce.data?.id;
  const selected = useQuery({
    queryKey: ['profiles', 'detail', selectedId],
    queryFn: () => api.get<ProfileViewDto>(`/profiles/${selectedId}`),
    enabled: selectedId !== undefined,
  });
  const v = selected.data;

  return (
    <>
      <PageTitle
        extra={
          can('profiles.manage') &&
          v && (
            <LinkButton to={`/profiles/new?from=${v.id}`} type="primary" icon={<PlusOutlined />}>
              {t('ui.profiles.newVersion')}
            </LinkButton>
          )
        }
      >
        {t('ui.nav.profiles')}
      </PageTitle>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>
        {t('ui.profiles.intro')}
      </Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <Table<ProfileSummaryDto>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        style={{ marginBottom: 16 }}
        rowClassName={(r) => (r.id === selectedId ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('ui.profiles.disease'), dataIndex: 'disease', width: 110 },
          { title: t('ui.profiles.version'), dataIndex: 'version', width: 90, render: (n: number) => `v${n}` },
          {
            title: t('ui.profiles.label'),
            dataIndex: 'label',
            render: (label: string, r) => (
              <>
                <Link to={`/profiles/${r.id}`} aria-current={r.id === selectedId ? 'true' : undefined}>
                  {label}
                </Link>
                {r.id === inForce.data?.id && (
                  <Tag color="green" style={{ marginInlineStart: 8 }}>
                    {t('ui.profiles.inForce')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('ui.profiles.effectiveFrom'), dataIndex: 'effectiveFrom', width: 130, render: (d: string) => formatDate(d) },
          { title: t('ui.profiles.createdAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d) },
        ]}
      />
      <ErrorAlert error={selected.error} />
      {selectedId === undefined && !inForce.isPending && <Typography.Paragraph>{t('ui.profiles.pickVersion')}</Typography.Paragraph>}
      {selectedId !== undefined && (
        <Card loading={selected.isPending} title={v ? `v${v.version} – ${v.label}` : undefined}>
          {v && (
            <>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 3 }}
                style={{ marginBottom: 16 }}
                items={[
                  { key: 'disease', label: t('ui.profiles.disease'), children: v.disease },
                  { key: 'from', label: t('ui.profiles.effectiveFrom'), children: formatDate(v.effectiveFrom) },
                  {
                    key: 'unverified',
                    label: t('profiles.unverified'),
                    children: v.unverified.length ? <Tag color="orange">{t('ui.profiles.unverifiedCount', { count: v.unverified.length })}</Tag> : '0',
                  },
                  ...(v.notes ? [{ key: 'notes', label: t('ui.profiles.notes'), span: 'filled' as const, children: <span style={{ whiteSpace: 'pre-wrap' }}>{v.notes}</span> }] : []),
                ]}
              />
              <RulesView rules={v.rules} />
            </>
          )}
        </Card>
      )}
    </>
  );
}
