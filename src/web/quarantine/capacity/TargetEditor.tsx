import { useState } from 'react';
import { App, Button, InputNumber, Popover, Space } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CapacityTargetInput } from '../../../shared/api/quarantine-monitoring.js';
import { request } from '../../api/client';
import { QUARANTINE_KEY } from '../queries';
import type { CapacityKind } from './model';

/** The plan target of a unit for one kind, entered by the officials who manage facilities. */
export default function TargetEditor({ unitId, unitName, kind, target }: { unitId: number; unitName: string; kind: CapacityKind; target: number | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<number | null>(target);
  const [busy, setBusy] = useState(false);

  async function save() {
    if (value === null) return;
    setBusy(true);
    try {
      const body: CapacityTargetInput = { unitId, kind, target: value };
      await request('PUT', '/quarantine/capacity-targets', body);
      await qc.invalidateQueries({ queryKey: [...QUARANTINE_KEY, 'capacity'] });
      setOpen(false);
      void message.success(t('quarantineMonitoringUi.capacity.targetSaved', { unit: unitName }));
    } catch (err) {
      void message.error(err instanceof Error ? err.message : t('errors.internal'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Popover
      open={open}
      trigger="click"
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setValue(target);
      }}
      title={t('quarantineMonitoringUi.capacity.targetTitle', { unit: unitName, kind: t(`quarantineMonitoringUi.capacity.kind.${kind}`) })}
      content={
        <Space>
          <InputNumber<number>
            min={0}
            max={10_000_000}
            precision={0}
            value={value}
            onChange={(v) => setValue(v)}
            onPressEnter={() => void save()}
            aria-label={t('quarantineMonitoringUi.capacity.target')}
            style={{ width: 140 }}
            data-testid="capacity-target-input"
            autoFocus
          />
          <Button type="primary" loading={busy} disabled={value === null} onClick={() => void save()} data-testid="capacity-target-save">
            {t('quarantineMonitoringUi.capacity.save')}
          </Button>
        </Space>
      }
    >
      <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('quarantineMonitoringUi.capacity.editTarget', { unit: unitName })} data-testid="capacity-target-edit" />
    </Popover>
  );
}
