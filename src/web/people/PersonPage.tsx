import { Alert, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MergeRecord, PersonDetail } from '../../shared/api/people.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import PersonDeclarationsCard from '../declarations/PersonDeclarationsCard';
import PersonVisitsCard from '../checkins/PersonVisitsCard';
import PersonTracingCard from '../cases/PersonTracingCard';
import PersonCertificatesCard from '../certificates/PersonCertificatesCard';
import DuplicateCandidates from './DuplicateCandidates';
import { birthText, docText } from './format';

/** The merged record's identifying fields as they were before the merge. */
function SnapshotText({ snapshot }: { snapshot: MergeRecord['mergedSnapshot'] }) {
  const { t } = useTranslation();
  const s = snapshot as Partial<Record<'fullName' | 'docType' | 'docNumber' | 'phone' | 'birthDate' | 'birthYear', string | number | null>>;
  const parts = [
    s.fullName,
    s.birthDate || s.birthYear ? birthText({ birthDate: (s.birthDate as string) ?? null, birthYear: Number(s.birthYear) }) : null,
    s.docType && s.docNumber ? `${t(`people.docType.${s.docType}`)} ${s.docNumber}` : null,
    s.phone,
  ].filter(Boolean);
  return <>{parts.join(' · ')}</>;
}

export default function PersonPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id } = useParams();
  const person = useQuery({ queryKey: ['people', 'detail', id], queryFn: () => api.get<PersonDetail>(`/people/${id}`) });

  if (person.error) return <ErrorAlert error={person.error} />;
  const p = person.data;
  const openDuplicates = p?.duplicates.filter((d) => d.status === 'open') ?? [];

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/people">← {t('ui.people.backToSearch')}</Link>
      </Typography.Paragraph>
      <PageTitle
        extra={
          p &&
          can('people.write') &&
          !p.mergedInto && (
            <LinkButton to={`/people/${p.id}/edit`} icon={<EditOutlined />}>
              {t('ui.common.edit')}
            </LinkButton>
          )
        }
      >
        {p?.fullName ?? t('ui.common.loading')}
      </PageTitle>
      {p?.mergedInto && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('ui.people.mergedInto')}
          action={<Link to={`/people/${p.mergedInto}`}>{t('ui.people.openKept', { id: p.mergedInto })}</Link>}
        />
      )}
      <Card loading={person.isPending} style={{ marginBottom: 16 }}>
        {p && (
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'id', label: t('ui.people.recordId'), children: p.id },
              { key: 'fullName', label: t('fields.fullName'), children: p.fullName },
              { key: 'birth', label: p.birthDate ? t('fields.birthDate') : t('fields.birthYear'), children: birthText(p) },
              { key: 'sex', label: t('fields.sex'), children: t(`people.sex.${p.sex}`) },
              { key: 'doc', label: t('ui.people.document'), children: docText(t, p) || '—' },
              { key: 'phone', label: t('fields.phone'), children: p.phone ?? '—' },
              { key: 'nationality', label: t('fields.nationality'), children: p.nationality },
              { key: 'address', label: t('fields.addressLine'), children: p.addressLine || '—' },
              { key: 'commune', label: t('geo.levels.commune'), children: <Link to={`/units/${p.commune.id}`}>{p.commune.name}</Link> },
              { key: 'district', label: t('geo.levels.district'), children: p.district ? <Link to={`/units/${p.district.id}`}>{p.district.name}</Link> : '—' },
              { key: 'province', label: t('geo.levels.province'), children: <Link to={`/units/${p.province.id}`}>{p.province.name}</Link> },
              { key: 'created', label: t('ui.people.createdAt'), children: formatDateTime(p.createdAt) },
              { key: 'updated', label: t('ui.people.updatedAt'), children: formatDateTime(p.updatedAt) },
              ...(p.mergedIds.length
                ? [{ key: 'mergedIds', label: t('ui.people.mergedIds'), children: p.mergedIds.map((m) => <Tag key={m}>{m}</Tag>) }]
                : []),
            ]}
          />
        )}
      </Card>
      {p && !p.mergedInto && can('cases.read') && <PersonTracingCard personId={p.id} />}
      {p && !p.mergedInto && <PersonCertificatesCard personId={p.id} />}
      {p && !p.mergedInto && can('declarations.read') && <PersonDeclarationsCard personId={p.id} />}
      {p && !p.mergedInto && can('checkins.read') && <PersonVisitsCard personId={p.id} />}
      {p && (
        <Card title={t('ui.people.openDuplicates', { count: openDuplicates.length })} style={{ marginBottom: 16 }}>
          {openDuplicates.length ? <DuplicateCandidates rows={openDuplicates} /> : <Typography.Text type="secondary">{t('ui.people.noOpenDuplicates')}</Typography.Text>}
          {can('people.merge') && openDuplicates.length > 0 && (
            <div style={{ marginTop: 12 }}>
              <Link to="/people/duplicates">{t('ui.people.reviewDuplicates')}</Link>
            </div>
          )}
        </Card>
      )}
      {p && (
        <Card title={t('ui.people.mergeHistory')}>
          {p.merges.length === 0 ? (
            <Typography.Text type="secondary">{t('ui.people.noMerges')}</Typography.Text>
          ) : (
            <Table<MergeRecord>
              rowKey="id"
              size="small"
              dataSource={p.merges}
              pagination={false}
              scroll={{ x: 760 }}
              columns={[
                { title: t('ui.people.mergedAt'), dataIndex: 'mergedAt', width: 140, render: (v: string) => formatDateTime(v) },
                {
                  title: t('ui.people.mergedRecord'),
                  key: 'merged',
                  render: (_, m) => (
                    <>
                      <Link to={`/people/${m.mergedId}`}>#{m.mergedId}</Link> <SnapshotText snapshot={m.mergedSnapshot} />
                    </>
                  ),
                },
                { title: t('ui.people.keptRecord'), dataIndex: 'keptId', width: 100, render: (v: number) => <Link to={`/people/${v}`}>#{v}</Link> },
                { title: t('fields.reason'), dataIndex: 'reason' },
                { title: t('ui.people.mergedBy'), key: 'by', width: 160, render: (_, m) => m.mergedBy.displayName ?? m.mergedBy.username ?? m.mergedBy.accountId },
              ]}
            />
          )}
        </Card>
      )}
    </>
  );
}
