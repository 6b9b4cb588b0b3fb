import { useState } from 'react';
import { App, Button, Input, InputNumber, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { BED_KINDS, ROOM_SEXES } from '../../shared/api/quarantine.js';
import { addRooms, roomRange, type BedKind, type RoomSex, type ZoneDraft } from './model';

/** "Rooms 101 to 120, 4 people each": many rooms in one go, into the zone chosen. */
export default function RoomsBulkAdd({ zones, onChange }: { zones: ZoneDraft[]; onChange: (zones: ZoneDraft[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [zoneIndex, setZoneIndex] = useState(0);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [capacity, setCapacity] = useState<number | null>(4);
  const [sex, setSex] = useState<RoomSex>('any');
  const [bedKind, setBedKind] = useState<BedKind | 'none'>('none');
  const [error, setError] = useState<string | null>(null);
  const zone = Math.min(zoneIndex, zones.length - 1);

  function add() {
    const range = roomRange(from, to || from);
    if ('error' in range) return setError(t(`quarantineUi.bulk.${range.error}`));
    if (!capacity || capacity < 1 || capacity > 500) return setError(t('quarantine.errors.capacity_range'));
    const out = addRooms(zones, { zoneIndex: zone, codes: range.codes, capacity, sex, bedKind: bedKind === 'none' ? null : bedKind });
    setError(out.skipped.length ? t('quarantineUi.bulk.skipped', { count: out.skipped.length, codes: out.skipped.slice(0, 10).join(', ') }) : null);
    if (out.added > 0) {
      onChange(out.zones);
      void message.success(t('quarantineUi.bulk.added', { count: out.added }));
    }
  }

  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {t('quarantineUi.bulk.title')}
      </Typography.Text>
      <Space wrap align="end">
        {zones.length > 1 && (
          <Select
            aria-label={t('quarantineUi.fields.zone')}
            value={zone}
            onChange={setZoneIndex}
            options={zones.map((z, i) => ({ value: i, label: z.name || t('quarantineUi.editor.zoneN', { n: i + 1 }) }))}
            style={{ width: 160 }}
          />
        )}
        <Input aria-label={t('quarantineUi.bulk.from')} placeholder={t('quarantineUi.bulk.from')} value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 110 }} data-testid="rooms-bulk-from" />
        <Input aria-label={t('quarantineUi.bulk.to')} placeholder={t('quarantineUi.bulk.to')} value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 110 }} data-testid="rooms-bulk-to" onPressEnter={add} />
        <InputNumber<number>
          aria-label={t('quarantineUi.fields.capacity')}
          prefix={t('quarantineUi.bulk.capacityPrefix')}
          min={1}
          max={500}
          precision={0}
          value={capacity}
          onChange={setCapacity}
          style={{ width: 150 }}
          data-testid="rooms-bulk-capacity"
        />
        <Select<RoomSex> aria-label={t('quarantineUi.fields.sex')} value={sex} onChange={setSex} options={ROOM_SEXES.map((s) => ({ value: s, label: t(`quarantineUi.roomSex.${s}`) }))} style={{ width: 150 }} />
        <Select<BedKind | 'none'>
          aria-label={t('quarantineUi.bulk.beds')}
          value={bedKind}
          onChange={setBedKind}
          options={[{ value: 'none', label: t('quarantineUi.bulk.noBeds') }, ...BED_KINDS.map((k) => ({ value: k, label: t('quarantineUi.bulk.bedsOf', { kind: t(`quarantineUi.bedKind.${k}`) }) }))]}
          style={{ width: 250 }}
        />
        <Button icon={<PlusOutlined />} onClick={add} data-testid="rooms-bulk-add">
          {t('quarantineUi.bulk.add')}
        </Button>
      </Space>
      {error && (
        <Typography.Text type="danger" role="alert" style={{ display: 'block', marginTop: 4 }} data-testid="rooms-bulk-error">
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
