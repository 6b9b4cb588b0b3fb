import { Input, Select, Table, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { UNIT_LEVELS, type UnitLevelName, type UnitSearchHit } from '../../shared/api/geo.js';
import { api } from '../api/client';
import { useCan, useMe } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import LinkButton from '../components/LinkButton';
import { formatNumber } from '../components/format';

export default function UnitsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const level = (params.get('level') as UnitLevelName | null) ?? undefined;
  const hits = useQuery({
    queryKey: ['units', 'search', q, level, 'page'],
    queryFn: () => api.get<UnitSearchHit[]>('/units/search', { q, level, limit: 100 }),
    enabled: q.length > 0,
  });

  function update(next: { q?: string; level?: string | undefined }) {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  }

  return (
    <>
      <PageTitle
        extra={
          can('units.manage') && (
            <LinkButton to="/units/import" icon={<UploadOutlined />}>
              {t('ui.units.importTitle')}
            </LinkButton>
          )
        }
      >
        {t('ui.nav.geo')}
      </PageTitle>
      <Typography.Paragraph>
        {t('ui.units.yourJurisdiction')} <Link to={`/units/${me.unit.id}`}>{me.unit.name}</Link>
      </Typography.Paragraph>
      <div className="toolbar">
        <Input.Search
          defaultValue={q}
          allowClear
          enterButton={t('ui.common.search')}
          placeholder={t('ui.units.searchPlaceholder')}
          aria-label={t('ui.units.searchPlaceholder')}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ maxWidth: 420, flex: '1 1 260px' }}
        />
        <Select<string>
          aria-label={t('ui.units.level')}
          value={level ?? ''}
          onChange={(v) => update({ level: v || undefined })}
          style={{ width: 180 }}
          options={[{ value: '', label: t('ui.units.allLevels') }, ...UNIT_LEVELS.map((l) => ({ value: l, label: t(`geo.levels.${l}`) }))]}
        />
      </div>
      <ErrorAlert error={hits.error} />
      {q && (
        <Table<UnitSearchHit>
          rowKey="id"
          size="small"
          loading={hits.isFetching}
          dataSource={hits.data ?? []}
          pagination={false}
          scroll={{ x: 720 }}
          columns={[
            { title: t('ui.units.name'), dataIndex: 'fullName', render: (v: string, r) => <Link to={`/units/${r.id}`}>{v}</Link> },
            { title: t('ui.units.level'), dataIndex: 'level', width: 120, render: (l: UnitLevelName) => t(`geo.levels.${l}`) },
            { title: t('geo.levels.district'), dataIndex: 'districtName', width: 180 },
            { title: t('geo.levels.province'), dataIndex: 'provinceName', width: 180 },
            { title: t('ui.units.code'), dataIndex: 'code', width: 90 },
            { title: t('ui.units.population'), dataIndex: 'population', width: 120, align: 'right', render: (v: number | null) => formatNumber(v) },
          ]}
        />
      )}
    </>
  );
}
