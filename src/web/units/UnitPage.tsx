import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Descriptions, InputNumber, Space, Table, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { UnitDetail, UnitLevelName, UnitView } from '../../shared/api/geo.js';
import { formatDate } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';

function PopulationEditor({ unit, onDone }: { unit: UnitDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [value, setValue] = useState<number | null>(unit.population);
  const save = useMutation({
    mutationFn: () => api.patch<UnitView>(`/units/${unit.id}`, { population: value }),
    onSuccess: async () => {
      void message.success(t('ui.common.saved'));
      await qc.invalidateQueries({ queryKey: ['units'] });
      onDone();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <ErrorAlert error={save.error} />
      <Space.Compact>
        <InputNumber<number>
          aria-label={t('ui.units.population')}
          min={0}
          max={200_000_000}
          value={value}
          onChange={(v) => setValue(v)}
          autoFocus
          style={{ width: 180 }}
        />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('ui.common.save')}
        </Button>
        <Button onClick={onDone}>{t('ui.common.cancel')}</Button>
      </Space.Compact>
    </form>
  );
}

export default function UnitPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id } = useParams();
  const [editing, setEditing] = useState(false);
  const unit = useQuery({ queryKey: ['units', 'detail', id], queryFn: () => api.get<UnitDetail>(`/units/${id}`) });

  if (unit.error) return <ErrorAlert error={unit.error} />;
  const u = unit.data;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/units">{t('ui.nav.geo')}</Link> },
          ...(u?.chain ?? []).filter((c) => c.id !== u?.id).map((c) => ({ title: <Link to={`/units/${c.id}`}>{c.fullName}</Link> })),
        ]}
      />
      <PageTitle>{u?.fullName ?? t('ui.common.loading')}</PageTitle>
      <Card loading={unit.isPending} style={{ marginBottom: 16 }}>
        {u && (
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'code', label: t('ui.units.code'), children: u.code },
              { key: 'level', label: t('ui.units.level'), children: t(`geo.levels.${u.level}`) },
              { key: 'type', label: t('ui.units.type'), children: u.typeName },
              { key: 'nameEn', label: t('ui.units.nameEn'), children: u.nameEn ?? '—' },
              {
                key: 'list',
                label: t('ui.units.listVersion'),
                children: (
                  <>
                    {u.listVersion} · {t('ui.units.validFromShort', { date: formatDate(u.validFrom) })}
                    {u.validTo && (
                      <Tag color="default" style={{ marginInlineStart: 8 }}>
                        {t('ui.units.retired', { date: formatDate(u.validTo) })}
                      </Tag>
                    )}
                  </>
                ),
              },
              { key: 'boundary', label: t('ui.units.boundary'), children: u.boundary ? t('ui.common.yes') : t('ui.common.no') },
              {
                key: 'population',
                label: t('ui.units.population'),
                span: 'filled',
                children: editing ? (
                  <PopulationEditor unit={u} onDone={() => setEditing(false)} />
                ) : (
                  <Space>
                    {u.population == null ? t('ui.units.noPopulation') : formatNumber(u.population)}
                    {can('units.manage') && !u.validTo && (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                        {t('ui.units.editPopulation')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {u && u.children.length > 0 && (
        <Card title={t('ui.units.children', { count: u.children.length })} styles={{ body: { padding: 0 } }}>
          <Table<UnitView>
            rowKey="id"
            size="small"
            dataSource={u.children}
            pagination={u.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 560 }}
            columns={[
              { title: t('ui.units.name'), dataIndex: 'fullName', render: (v: string, r) => <Link to={`/units/${r.id}`}>{v}</Link> },
              { title: t('ui.units.level'), dataIndex: 'level', width: 120, render: (l: UnitLevelName) => t(`geo.levels.${l}`) },
              { title: t('ui.units.code'), dataIndex: 'code', width: 90 },
              { title: t('ui.units.population'), dataIndex: 'population', width: 130, align: 'right', render: (v: number | null) => formatNumber(v) },
            ]}
          />
        </Card>
      )}
    </>
  );
}
