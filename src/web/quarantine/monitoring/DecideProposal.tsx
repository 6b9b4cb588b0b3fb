import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AcceptProposalBody, TransferProposalView } from '../../../shared/api/quarantine-monitoring.js';
import { api } from '../../api/client';
import { placeServerError } from '../../api/forms';
import ErrorAlert from '../../components/ErrorAlert';
import { QUARANTINE_KEY, useFacilities, useFacility } from '../queries';
import { facilitiesForTier } from './model';

export type Decision = { proposal: TransferProposalView; action: 'accept' | 'reject' };

interface Values {
  facilityId?: number;
  roomId?: number;
  note?: string;
}

/** Accepting (into a facility of the proposed tier or higher, a room optional) or rejecting with a note. */
export default function DecideProposal({ decision, onClose }: { decision: Decision | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const p = decision?.proposal;
  const accept = decision?.action === 'accept';

  async function submit(v: Values) {
    if (!p) return;
    setBusy(true);
    setError(null);
    try {
      if (accept) {
        const body: AcceptProposalBody = { note: v.note ?? '', ...(v.facilityId ? { facilityId: v.facilityId } : {}), ...(v.roomId ? { roomId: v.roomId } : {}) };
        await api.post<TransferProposalView>(`/quarantine/transfer-proposals/${p.id}/accept`, body);
      } else {
        await api.post<TransferProposalView>(`/quarantine/transfer-proposals/${p.id}/reject`, { note: v.note ?? '' });
      }
      void message.success(t(accept ? 'quarantineMonitoringUi.transfers.accepted' : 'quarantineMonitoringUi.transfers.rejected'));
      await qc.invalidateQueries({ queryKey: QUARANTINE_KEY });
      onClose();
    } catch (err) {
      setError(placeServerError(form, err, ['facilityId', 'roomId', 'note']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!decision}
      title={p && t(accept ? 'quarantineMonitoringUi.transfers.acceptTitle' : 'quarantineMonitoringUi.transfers.rejectTitle', { name: p.person?.fullName ?? `#${p.stayId}`, tier: p.toTier })}
      okText={t(accept ? 'quarantineMonitoringUi.transfers.accept' : 'quarantineMonitoringUi.transfers.reject')}
      okButtonProps={{ loading: busy, danger: !accept, 'data-testid': accept ? 'transfer-accept-submit' : 'transfer-reject-submit' }}
      cancelText={t('ui.common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" name="decide-proposal" onFinish={(v) => void submit(v)} preserve={false}>
        {p && accept && <AcceptFields proposal={p} />}
        <Form.Item
          name="note"
          label={t(accept ? 'quarantineMonitoringUi.transfers.noteOptional' : 'quarantineMonitoringUi.transfers.reason')}
          rules={accept ? [] : [{ required: true, min: 3, message: t('quarantineMonitoring.errors.reason_required') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="transfer-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AcceptFields({ proposal }: { proposal: TransferProposalView }) {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const form = Form.useFormInstance<Values>();
  const facilityId = Form.useWatch<number | undefined>('facilityId', form);
  const options = facilitiesForTier(facilities.data?.rows ?? [], proposal.toTier, proposal.facility?.id ?? null);
  return (
    <>
      <Form.Item name="facilityId" label={t('quarantineMonitoringUi.transfers.toFacility', { tier: proposal.toTier })} extra={t('quarantineMonitoringUi.transfers.toFacilityHint')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={facilities.isFetching}
          onChange={() => form.setFieldValue('roomId', undefined)}
          notFoundContent={t('quarantineMonitoringUi.transfers.noFacility', { tier: proposal.toTier })}
          options={options.map((f) => ({
            value: f.id,
            label: [f.name, t('quarantineUi.fields.tierN', { tier: f.tier }), t('quarantineMonitoringUi.transfers.free', { free: f.free, oxygen: f.oxygenBeds, icu: f.icuBeds })].join(' · '),
          }))}
          data-testid="transfer-facility"
        />
      </Form.Item>
      {facilityId ? <RoomField facilityId={facilityId} /> : <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('quarantineMonitoringUi.transfers.laterHint')} />}
    </>
  );
}

function RoomField({ facilityId }: { facilityId: number }) {
  const { t } = useTranslation();
  const facility = useFacility(facilityId);
  const rooms = (facility.data?.zones ?? []).flatMap((z) => z.rooms.map((r) => ({ ...r, zone: z.name }))).filter((r) => r.occupied < r.capacity);
  return (
    <Form.Item name="roomId" label={t('quarantineMonitoringUi.transfers.room')} extra={t('quarantineMonitoringUi.transfers.roomHint')}>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        loading={facility.isFetching}
        options={rooms.map((r) => {
          const special = r.beds.filter((b) => !b.occupied && b.kind !== 'normal').map((b) => b.kind);
          return {
            value: r.id,
            label: [
              `${r.code} (${r.zone})`,
              `${r.occupied}/${r.capacity}`,
              special.includes('icu') ? t('quarantineUi.bedKind.icu') : special.includes('oxygen') ? t('quarantineUi.bedKind.oxygen') : null,
            ]
              .filter(Boolean)
              .join(' · '),
          };
        })}
        data-testid="transfer-room"
      />
    </Form.Item>
  );
}
