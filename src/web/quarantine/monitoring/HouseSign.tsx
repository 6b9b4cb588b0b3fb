import { useState } from 'react';
import { Button, DatePicker, Popover, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HomeStayView } from '../../../shared/api/quarantine-monitoring.js';
import { formatDate, todayInVietnam } from '../../../shared/vn/dates.js';
import { api } from '../../api/client';
import { useActionMessage } from '../../components/useActionMessage';
import { QUARANTINE_KEY } from '../queries';
import { signState } from './model';

const COLOR = { not_required: 'default', missing: 'orange', posted: 'green', removed: 'default' } as const;

/** The sign on the house: its state, and posting or removing it on a day (today unless staff pick the day it was done). */
export default function HouseSign({ stay, canEdit }: { stay: HomeStayView; canEdit: boolean }) {
  const { t } = useTranslation();
  const act = useActionMessage();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState<Dayjs>(dayjs());
  const [busy, setBusy] = useState(false);
  const { state, next } = signState(stay.sign);

  async function save() {
    if (!next) return;
    setBusy(true);
    await act(async () => {
      await api.post<HomeStayView>(`/quarantine/home-stays/${stay.stayId}/sign`, { action: next, on: day.format('YYYY-MM-DD') });
      await qc.invalidateQueries({ queryKey: QUARANTINE_KEY });
      setOpen(false);
    });
    setBusy(false);
  }

  const when = state === 'posted' ? formatDate(stay.sign.postedOn) : state === 'removed' ? formatDate(stay.sign.removedOn) : null;
  return (
    <Space orientation="vertical" size={2} data-testid="home-sign-state" data-state={state}>
      <Tag color={COLOR[state]}>{t(`quarantineMonitoringUi.home.sign.${state}`)}</Tag>
      {when && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{when}</Typography.Text>}
      {canEdit && next && (
        <Popover
          open={open}
          onOpenChange={(o) => {
            setOpen(o);
            if (o) setDay(dayjs());
          }}
          trigger="click"
          title={t(`quarantineMonitoringUi.home.sign.${next}Title`)}
          content={
            <Space orientation="vertical">
              <DatePicker
                format="DD/MM/YYYY"
                allowClear={false}
                value={day}
                onChange={(d) => d && setDay(d)}
                disabledDate={(d) => d.format('YYYY-MM-DD') > todayInVietnam() || d.format('YYYY-MM-DD') < (next === 'remove' ? (stay.sign.postedOn ?? stay.admissionDay) : stay.admissionDay)}
                aria-label={t('quarantineMonitoringUi.home.sign.on')}
                data-testid="home-sign-date"
              />
              <Button type="primary" size="small" loading={busy} onClick={() => void save()} data-testid="home-sign-save">
                {t(`quarantineMonitoringUi.home.sign.${next}`)}
              </Button>
            </Space>
          }
        >
          <Button size="small" data-testid="home-sign" data-action={next}>
            {t(`quarantineMonitoringUi.home.sign.${next}`)}
          </Button>
        </Popover>
      )}
    </Space>
  );
}
