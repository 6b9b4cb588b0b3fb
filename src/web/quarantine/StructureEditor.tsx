import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { BED_KINDS, ROOM_SEXES } from '../../shared/api/quarantine.js';
import { formatNumber } from '../components/format';
import { testRow } from '../cases/domProps';
import { bedsFor, newKey, totalsOf, type BedDraft, type BedKind, type RoomDraft, type RoomSex, type StructureSpot, type ZoneDraft } from './model';
import RoomsBulkAdd from './RoomsBulkAdd';

export interface StructureError {
  spot: StructureSpot;
  message: string;
}

interface Props {
  zones: ZoneDraft[];
  onChange: (zones: ZoneDraft[]) => void;
  error: StructureError | null;
}

const PAGE = 50;

/** Zones → rooms → beds of a facility, edited in compact tables; rooms in use cannot be removed. */
export default function StructureEditor({ zones, onChange, error }: Props) {
  const { t } = useTranslation();
  const totals = totalsOf(zones);
  const setZone = (i: number, z: ZoneDraft) => onChange(zones.map((x, j) => (j === i ? z : x)));

  return (
    <Card
      size="small"
      title={t('quarantineUi.editor.structure')}
      extra={
        <Typography.Text type="secondary" data-testid="structure-totals">
          {t('quarantineUi.editor.totals', { rooms: formatNumber(totals.rooms), capacity: formatNumber(totals.capacity), beds: formatNumber(totals.beds) })}
        </Typography.Text>
      }
      style={{ marginBottom: 16 }}
    >
      <RoomsBulkAdd zones={zones} onChange={onChange} />
      {error && <Alert type="error" showIcon role="alert" title={placeText(t, zones, error)} style={{ marginBottom: 12 }} data-testid="structure-error" />}
      {zones.map((z, i) => (
        <ZoneCard
          key={z.key}
          zone={z}
          index={i}
          error={error?.spot.zone === i ? error : null}
          onChange={(next) => setZone(i, next)}
          onRemove={zones.length > 1 && z.rooms.every((r) => r.occupied === 0) ? () => onChange(zones.filter((_, j) => j !== i)) : undefined}
        />
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange([...zones, { key: newKey(), name: '', rooms: [] }])} data-testid="zone-add">
        {t('quarantineUi.editor.addZone')}
      </Button>
    </Card>
  );
}

function placeText(t: TFunction, zones: ZoneDraft[], e: StructureError): string {
  const zone = zones[e.spot.zone];
  const room = e.spot.room === null ? undefined : zone?.rooms[e.spot.room];
  const where = [zone ? zone.name || t('quarantineUi.editor.zoneN', { n: e.spot.zone + 1 }) : null, room ? t('quarantineUi.editor.roomCode', { code: room.code || '…' }) : null].filter(Boolean).join(' · ');
  return where ? `${where}: ${e.message}` : e.message;
}

function ZoneCard({ zone, index, error, onChange, onRemove }: { zone: ZoneDraft; index: number; error: StructureError | null; onChange: (z: ZoneDraft) => void; onRemove?: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<string[]>([]);
  const errorRoom = error?.spot.room ?? null;
  // A room with a problem is shown, on its page and with its beds open when they are the problem.
  useEffect(() => {
    if (errorRoom === null) return;
    setPage(Math.floor(errorRoom / PAGE) + 1);
    const key = zone.rooms[errorRoom]?.key;
    if (key && error?.spot.bed !== null && error?.spot.prop !== 'code') setExpanded((x) => (x.includes(key) ? x : [...x, key]));
  }, [error]);

  const setRoom = (key: string, patch: Partial<RoomDraft>) => onChange({ ...zone, rooms: zone.rooms.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  const bad = (r: RoomDraft, prop: string) => (error && errorRoom !== null && zone.rooms[errorRoom]?.key === r.key && (error.spot.prop === prop || (prop === 'beds' && error.spot.bed !== null)) ? 'error' : undefined);

  return (
    <Card
      size="small"
      type="inner"
      style={{ marginBottom: 12 }}
      title={
        <Input
          aria-label={t('quarantineUi.fields.zone')}
          placeholder={t('quarantineUi.editor.zoneName')}
          value={zone.name}
          status={error && error.spot.room === null ? 'error' : undefined}
          onChange={(e) => onChange({ ...zone, name: e.target.value })}
          style={{ maxWidth: 280 }}
          data-testid="zone-name"
        />
      }
      extra={
        onRemove && (
          <Popconfirm title={t('quarantineUi.editor.removeZoneConfirm')} onConfirm={onRemove} okText={t('quarantineUi.editor.removeZone')} cancelText={t('ui.common.cancel')}>
            <Button size="small" danger icon={<DeleteOutlined />}>
              {t('quarantineUi.editor.removeZone')}
            </Button>
          </Popconfirm>
        )
      }
    >
      <Table<RoomDraft>
        rowKey="key"
        size="small"
        dataSource={zone.rooms}
        aria-label={t('quarantineUi.editor.roomsOf', { zone: zone.name || index + 1 })}
        locale={{ emptyText: t('quarantineUi.editor.noRooms') }}
        pagination={zone.rooms.length > PAGE ? { current: page, pageSize: PAGE, onChange: setPage, showSizeChanger: false } : false}
        onRow={(r) => testRow('editor-room-row', { 'data-code': r.code })}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
          expandedRowRender: (r) => <BedsEditor room={r} onChange={(beds) => setRoom(r.key, { beds })} />,
        }}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('quarantineUi.fields.roomCode'),
            key: 'code',
            width: 140,
            render: (_, r) => (
              <Input size="small" aria-label={t('quarantineUi.fields.roomCode')} value={r.code} status={bad(r, 'code')} disabled={r.occupied > 0} onChange={(e) => setRoom(r.key, { code: e.target.value.toUpperCase() })} />
            ),
          },
          {
            title: t('quarantineUi.fields.capacity'),
            key: 'capacity',
            width: 110,
            render: (_, r) => (
              <InputNumber<number>
                size="small"
                aria-label={t('quarantineUi.fields.capacity')}
                min={Math.max(1, r.occupied)}
                max={500}
                precision={0}
                value={r.capacity}
                status={bad(r, 'capacity')}
                onChange={(v) => setRoom(r.key, { capacity: v ?? 1 })}
                style={{ width: 90 }}
              />
            ),
          },
          {
            title: t('quarantineUi.fields.sex'),
            key: 'sex',
            width: 170,
            render: (_, r) => (
              <Select<RoomSex>
                size="small"
                aria-label={t('quarantineUi.fields.sex')}
                value={r.sex}
                status={bad(r, 'sex')}
                disabled={r.occupied > 0}
                onChange={(sex) => setRoom(r.key, { sex })}
                options={ROOM_SEXES.map((s) => ({ value: s, label: t(`quarantineUi.roomSex.${s}`) }))}
                style={{ width: 155 }}
              />
            ),
          },
          {
            title: t('quarantineUi.fields.beds'),
            key: 'beds',
            width: 170,
            render: (_, r) => (
              <Typography.Text type={bad(r, 'beds') ? 'danger' : r.beds.length > 0 && r.beds.length !== r.capacity ? 'warning' : undefined} style={{ fontSize: 12 }}>
                {bedSummary(t, r.beds)}
              </Typography.Text>
            ),
          },
          { title: t('quarantineUi.fields.occupied'), key: 'occupied', width: 90, render: (_, r) => (r.occupied > 0 ? formatNumber(r.occupied) : '') },
          {
            title: '',
            key: 'remove',
            width: 50,
            render: (_, r) => (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                disabled={r.occupied > 0}
                aria-label={t('quarantineUi.editor.removeRoom', { code: r.code })}
                onClick={() => onChange({ ...zone, rooms: zone.rooms.filter((x) => x.key !== r.key) })}
              />
            ),
          },
        ]}
      />
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => onChange({ ...zone, rooms: [...zone.rooms, { key: newKey(), code: '', capacity: zone.rooms.at(-1)?.capacity ?? 4, sex: 'any', beds: [], occupied: 0 }] })}
      >
        {t('quarantineUi.editor.addRoom')}
      </Button>
    </Card>
  );
}

function bedSummary(t: TFunction, beds: BedDraft[]): string {
  if (beds.length === 0) return t('quarantineUi.editor.bedsNotListed');
  const special = BED_KINDS.filter((k) => k !== 'normal')
    .map((k) => ({ k, n: beds.filter((b) => b.kind === k).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${x.n} ${t(`quarantineUi.bedKindShort.${x.k}`)}`);
  return [t('quarantineUi.editor.bedsCount', { count: beds.length }), ...special].join(' · ');
}

/** A room's beds: listed only where they matter (oxygen, ICU); when listed, as many as the capacity. */
function BedsEditor({ room, onChange }: { room: RoomDraft; onChange: (beds: BedDraft[]) => void }) {
  const { t } = useTranslation();
  const setBed = (i: number, patch: Partial<BedDraft>) => onChange(room.beds.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  return (
    <div style={{ maxWidth: 520 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Button size="small" onClick={() => onChange(bedsFor(room.capacity, 'normal').map((b, i) => room.beds[i] ?? b))}>
          {t('quarantineUi.editor.bedsFill', { count: room.capacity })}
        </Button>
        {BED_KINDS.map((k) => (
          <Button key={k} size="small" disabled={room.beds.length === 0} onClick={() => onChange(room.beds.map((b) => ({ ...b, kind: k })))}>
            {t('quarantineUi.editor.bedsAll', { kind: t(`quarantineUi.bedKind.${k}`) })}
          </Button>
        ))}
        <Button size="small" danger disabled={room.beds.length === 0} onClick={() => onChange([])}>
          {t('quarantineUi.editor.bedsClear')}
        </Button>
      </Space>
      {room.beds.length > 0 && (
        <Table<BedDraft>
          rowKey={(_, i) => String(i)}
          size="small"
          dataSource={room.beds}
          pagination={false}
          aria-label={t('quarantineUi.editor.bedsOf', { code: room.code })}
          columns={[
            {
              title: t('quarantineUi.fields.bedCode'),
              key: 'code',
              render: (_, b, i) => <Input size="small" aria-label={t('quarantineUi.fields.bedCode')} value={b.code} onChange={(e) => setBed(i, { code: e.target.value.toUpperCase() })} style={{ width: 100 }} />,
            },
            {
              title: t('quarantineUi.fields.bedKind'),
              key: 'kind',
              render: (_, b, i) => (
                <Select<BedKind>
                  size="small"
                  aria-label={t('quarantineUi.fields.bedKind')}
                  value={b.kind}
                  onChange={(kind) => setBed(i, { kind })}
                  options={BED_KINDS.map((k) => ({ value: k, label: t(`quarantineUi.bedKind.${k}`) }))}
                  style={{ width: 170 }}
                />
              ),
            },
            {
              title: '',
              key: 'remove',
              width: 50,
              render: (_, b, i) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('quarantineUi.editor.removeBed', { code: b.code })} onClick={() => onChange(room.beds.filter((_, j) => j !== i))} />,
            },
          ]}
        />
      )}
    </div>
  );
}
