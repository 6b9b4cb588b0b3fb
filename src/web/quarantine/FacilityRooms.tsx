import { useState } from 'react';
import { Card, Progress, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FacilityDetail, RoomView } from '../../shared/api/quarantine.js';
import { formatNumber } from '../components/format';
import { testRow } from '../cases/domProps';
import { cohortKeys, mixesCohorts } from './model';
import { CohortTag } from './tags';

/** The rooms of a facility by zone: who is in them (how many, of which cohort) and what is free. */
export default function FacilityRooms({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const [freeOnly, setFreeOnly] = useState(false);
  return (
    <Card
      size="small"
      title={t('quarantineUi.facility.rooms')}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('quarantineUi.facility.freeOnly')}</Typography.Text>
          <Switch size="small" checked={freeOnly} onChange={setFreeOnly} aria-label={t('quarantineUi.facility.freeOnly')} />
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      {facility.zones.map((z) => {
        const rooms = freeOnly ? z.rooms.filter((r) => r.occupied < r.capacity) : z.rooms;
        return (
          <div key={z.id} style={{ marginBottom: 16 }}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {z.name} <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>{zoneLine(t, z.rooms)}</Typography.Text>
            </Typography.Title>
            <Table<RoomView>
              rowKey="id"
              size="small"
              dataSource={rooms}
              aria-label={t('quarantineUi.editor.roomsOf', { zone: z.name })}
              locale={{ emptyText: t('quarantineUi.facility.noRooms') }}
              pagination={rooms.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              onRow={(r) => testRow('room-row', { 'data-code': r.code, 'data-occupied': r.occupied, 'data-cohort': cohortKeys(r.cohorts) })}
              scroll={{ x: 760 }}
              columns={[
                { title: t('quarantineUi.fields.roomCode'), dataIndex: 'code', width: 90, render: (c: string) => <Typography.Text strong>{c}</Typography.Text> },
                { title: t('quarantineUi.fields.sex'), key: 'sex', width: 120, render: (_, r) => t(`quarantineUi.roomSex.${r.sex}`) },
                {
                  title: t('quarantineUi.fields.occupancy'),
                  key: 'occ',
                  width: 170,
                  render: (_, r) => (
                    <Space size={6}>
                      <Progress type="line" size="small" percent={Math.round((r.occupied / r.capacity) * 100)} showInfo={false} style={{ width: 70, margin: 0 }} />
                      <span>
                        {r.occupied}/{r.capacity}
                      </span>
                    </Space>
                  ),
                },
                {
                  title: t('quarantineUi.fields.cohort'),
                  key: 'cohort',
                  width: 240,
                  render: (_, r) => (
                    <>
                      {r.cohorts.map((c) => (
                        <CohortTag key={`${c.admissionDay}${c.risk}`} {...c} />
                      ))}
                      {mixesCohorts(r.cohorts) && (
                        <Tooltip title={t('quarantineUi.facility.mixedHint')}>
                          <Tag color="red">{t('quarantineUi.facility.mixed')}</Tag>
                        </Tooltip>
                      )}
                    </>
                  ),
                },
                { title: t('quarantineUi.fields.beds'), key: 'beds', width: 170, render: (_, r) => bedLine(t, r) },
                {
                  title: '',
                  key: 'people',
                  width: 150,
                  render: (_, r) => (r.occupied > 0 ? <Link to={`/quarantine/stays?facilityId=${facility.id}&roomId=${r.id}`}>{t('quarantineUi.facility.people')}</Link> : null),
                },
              ]}
            />
          </div>
        );
      })}
    </Card>
  );
}

function zoneLine(t: TFunction, rooms: RoomView[]): string {
  const capacity = rooms.reduce((n, r) => n + r.capacity, 0);
  const occupied = rooms.reduce((n, r) => n + r.occupied, 0);
  return t('quarantineUi.facility.zoneLine', { rooms: formatNumber(rooms.length), occupied: formatNumber(occupied), capacity: formatNumber(capacity) });
}

function bedLine(t: TFunction, r: RoomView): string {
  if (r.beds.length === 0) return '';
  const free = r.beds.filter((b) => !b.occupied);
  const special = (['oxygen', 'icu'] as const).map((k) => ({ k, n: free.filter((b) => b.kind === k).length })).filter((x) => x.n > 0);
  return [t('quarantineUi.facility.bedsFree', { free: free.length, total: r.beds.length }), ...special.map((x) => `${x.n} ${t(`quarantineUi.bedKindShort.${x.k}`)}`)].join(' · ');
}
