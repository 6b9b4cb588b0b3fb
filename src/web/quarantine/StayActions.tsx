import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import { LogoutOutlined, SwapOutlined, SwapRightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isTreatmentKind, type DischargeBody, type RoomOverrideBody, type StayDetail, type TransferBody } from '../../shared/api/quarantine.js';
import { formatDate } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';
import { enterConfirmsDates } from '../cases/domProps';
import { useFacilities, useFacility, useRefresh } from './queries';

type Action = 'move' | 'transfer' | 'discharge';

interface Values {
  roomId?: number;
  bedId?: number | null;
  facilityId?: number;
  reason?: string;
  at?: Dayjs | null;
  note?: string;
}

/** What staff do with an active stay: another room (with a reason), another facility or tier, or discharge. */
export default function StayActions({ stay }: { stay: StayDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const refresh = useRefresh();
  const [form] = Form.useForm<Values>();
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (stay.status !== 'active') return null;

  async function submit(v: Values) {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      if (action === 'move') {
        const body: RoomOverrideBody = { roomId: v.roomId as number, bedId: v.bedId ?? null, reason: v.reason ?? '' };
        await refresh(await api.post<StayDetail>(`/quarantine/stays/${stay.id}/room`, body));
      } else if (action === 'transfer') {
        const body: TransferBody = { facilityId: v.facilityId as number, roomId: v.roomId ?? null, reason: v.reason ?? '' };
        const next = await api.post<StayDetail>(`/quarantine/stays/${stay.id}/transfer`, body);
        await refresh(next);
        navigate(`/quarantine/stays/${next.id}`);
      } else {
        const body: DischargeBody = { at: v.at ? v.at.toISOString() : null, note: v.note ?? '' };
        await refresh(await api.post<StayDetail>(`/quarantine/stays/${stay.id}/discharge`, body));
      }
      void message.success(t(`quarantineUi.stay.done.${action}`));
      setAction(null);
    } catch (err) {
      setError(placeServerError(form, err, ['roomId', 'bedId', 'facilityId', 'reason', 'at', 'note']));
    } finally {
      setBusy(false);
    }
  }

  const open = (a: Action) => {
    setError(null);
    form.resetFields();
    setAction(a);
  };

  return (
    <>
      {stay.facility && (
        <Button icon={<SwapOutlined />} onClick={() => open('move')} data-testid="stay-move">
          {t('quarantineUi.stay.move')}
        </Button>
      )}
      <Button icon={<SwapRightOutlined />} onClick={() => open('transfer')} data-testid="stay-transfer">
        {t('quarantineUi.stay.transfer')}
      </Button>
      <Button type="primary" icon={<LogoutOutlined />} disabled={!stay.discharge.eligible} onClick={() => open('discharge')} data-testid="stay-discharge">
        {t('quarantineUi.stay.discharge')}
      </Button>
      <Modal
        open={action !== null}
        title={action && t(`quarantineUi.stay.${action}Title`, { name: stay.person?.fullName ?? '' })}
        okText={action ? t(`quarantineUi.stay.${action}`) : undefined}
        cancelText={t('ui.common.cancel')}
        okButtonProps={{ loading: busy, 'data-testid': `stay-${action ?? 'action'}-submit` }}
        onOk={() => form.submit()}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        <ErrorAlert error={error} />
        <Form<Values> form={form} layout="vertical" name="stay-action" initialValues={{ at: dayjs().startOf('minute') }} onKeyDown={enterConfirmsDates} onFinish={(v) => void submit(v)}>
          {action === 'move' && stay.facility && <RoomFields facilityId={stay.facility.id} stay={stay} required />}
          {action === 'transfer' && <TransferFields stay={stay} />}
          {(action === 'move' || action === 'transfer') && (
            <Form.Item name="reason" label={t('quarantineUi.stay.reason')} rules={[{ required: true, min: 5, message: t('quarantine.errors.reason_length') }]}>
              <Input.TextArea rows={2} maxLength={500} data-testid={`stay-${action}-reason`} />
            </Form.Item>
          )}
          {action === 'discharge' && (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={stay.discharge.monitoringDays > 0 ? t('quarantineUi.stay.dischargeInfo', { count: stay.discharge.monitoringDays }) : t('quarantineUi.stay.dischargeInfoNone')} />
              <Form.Item name="at" label={t('quarantineUi.stay.dischargeAt')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="note" label={t('quarantineUi.stay.note')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}

function TransferFields({ stay }: { stay: StayDetail }) {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const facilityId = Form.useWatch<number | undefined>('facilityId');
  // Treatment does not go back to quarantine: it ends by discharge.
  const options = (facilities.data?.rows ?? [])
    .filter((f) => f.status !== 'closed' && f.id !== stay.facility?.id && (stay.kind === 'quarantine' || isTreatmentKind(f.kind)))
    .map((f) => ({
      value: f.id,
      label: [f.name, f.tier ? t('quarantineUi.fields.tierN', { tier: f.tier }) : null, t('quarantineUi.stay.freeN', { free: f.free })].filter(Boolean).join(' · '),
    }));
  return (
    <>
      <Form.Item name="facilityId" label={t('quarantineUi.stay.toFacility')} rules={[{ required: true, message: t('quarantine.errors.facility_unknown') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={options} loading={facilities.isFetching} data-testid="stay-transfer-facility" />
      </Form.Item>
      {facilityId && <RoomFields facilityId={facilityId} stay={stay} required={false} />}
    </>
  );
}

/** A room with a free place (and a free bed when the room lists them); rooms of another cohort are marked. */
function RoomFields({ facilityId, stay, required }: { facilityId: number; stay: StayDetail; required: boolean }) {
  const { t } = useTranslation();
  const facility = useFacility(facilityId);
  const form = Form.useFormInstance<Values>();
  const roomId = Form.useWatch<number | undefined>('roomId');
  const rooms = (facility.data?.zones ?? []).flatMap((z) => z.rooms.map((r) => ({ ...r, zone: z.name }))).filter((r) => r.id !== stay.room?.id && r.occupied < r.capacity);
  const room = rooms.find((r) => r.id === roomId);
  const otherCohort = (r: (typeof rooms)[number]) => r.cohorts.some((c) => c.admissionDay !== stay.admissionDay || c.risk !== stay.risk);
  return (
    <>
      <Form.Item
        name="roomId"
        label={t(required ? 'quarantineUi.stay.toRoom' : 'quarantineUi.stay.toRoomOptional')}
        extra={required ? undefined : t('quarantineUi.stay.toRoomHint')}
        rules={required ? [{ required: true, message: t('quarantine.errors.room_unknown') }] : []}
      >
        <Select
          allowClear={!required}
          showSearch={{ optionFilterProp: 'label' }}
          loading={facility.isFetching}
          onChange={() => form.setFieldValue('bedId', null)}
          data-testid="stay-room"
          options={rooms.map((r) => ({
            value: r.id,
            label: [
              `${r.code} (${r.zone})`,
              `${r.occupied}/${r.capacity}`,
              r.sex === 'any' ? null : t(`quarantineUi.roomSex.${r.sex}`),
              r.cohorts.length ? r.cohorts.map((c) => `${formatDate(c.admissionDay)} ${t(`quarantineUi.risk.${c.risk}`)}`).join(', ') : t('quarantineUi.stay.emptyRoom'),
              otherCohort(r) ? `⚠ ${t('quarantineUi.stay.otherCohort')}` : null,
            ]
              .filter(Boolean)
              .join(' · '),
          }))}
        />
      </Form.Item>
      {room && otherCohort(room) && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('quarantineUi.stay.mixWarning')} data-testid="stay-mix-warning" />}
      {room && room.beds.length > 0 && (
        <Form.Item name="bedId" label={t('quarantineUi.fields.bed')} extra={t('quarantineUi.stay.bedHint')}>
          <Select allowClear options={room.beds.filter((b) => !b.occupied).map((b) => ({ value: b.id, label: `${b.code} · ${t(`quarantineUi.bedKind.${b.kind}`)}` }))} />
        </Form.Item>
      )}
    </>
  );
}
