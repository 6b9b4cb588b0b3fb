import { Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FacilitySummary, StayView } from '../../../shared/api/quarantine.js';
import type { HomeStayView } from '../../../shared/api/quarantine-monitoring.js';
import { foldKey } from '../../../shared/vn/text.js';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import { QUARANTINE_KEY } from '../queries';

export type Where = number | 'home' | undefined;
interface Option {
  value: number;
  label: string;
}

/** The most stays one list offers; a bigger facility is narrowed by the search box. */
const MAX = 500;
const filter = (input: string, option?: Option) => !!option && foldKey(option.label).includes(foldKey(input));

/**
 * Where (a facility, or at home) and whose stay: the active stays of the reader's facilities and
 * communes. Community teams, who see only home stays, go straight to the people at home.
 */
export default function StayPicker({ where, stayId, onChange }: { where: Where; stayId: number | undefined; onChange: (where: Where, stayId: number | undefined) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const reader = can('quarantine.read');
  // The same read (and cache) as the facilities list; community teams may not make it.
  const facilities = useQuery({
    queryKey: [...QUARANTINE_KEY, 'facilities'],
    queryFn: () => api.get<{ rows: FacilitySummary[] }>('/quarantine/facilities'),
    enabled: reader,
  });
  const place = reader ? where : 'home';

  const stays = useQuery({
    queryKey: [...QUARANTINE_KEY, 'monitoring-stays', reader, place],
    queryFn: async (): Promise<Option[]> => {
      if (reader) {
        const q = place === 'home' ? { place: 'home' } : { facilityId: place };
        const res = await api.get<{ rows: StayView[] }>('/quarantine/stays', { ...q, status: 'active', limit: MAX });
        return res.rows.map((s) => ({
          value: s.id,
          label: [
            s.person?.fullName ?? t('quarantineUi.stays.outside', { id: s.personId }),
            s.person?.birthYear,
            s.room ? t('quarantineUi.stays.room', { code: s.room.code }) : s.person?.communeName,
            t('quarantineMonitoringUi.picker.day', { day: s.dayNumber ?? '—' }),
          ]
            .filter(Boolean)
            .join(' · '),
        }));
      }
      const res = await api.get<{ rows: HomeStayView[] }>('/quarantine/home-stays', { limit: MAX });
      return res.rows.map((s) => ({ value: s.stayId, label: [s.person.fullName, s.person.birthYear, s.person.addressLine, t('quarantineMonitoringUi.picker.day', { day: s.dayNumber })].filter(Boolean).join(' · ') }));
    },
    enabled: place !== undefined,
  });

  return (
    <Space wrap style={{ marginBottom: 16 }}>
      {reader && (
        <Select<number | 'home'>
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('quarantineMonitoringUi.picker.where')}
          aria-label={t('quarantineMonitoringUi.picker.where')}
          value={where}
          loading={facilities.isFetching}
          onChange={(v) => onChange(v, undefined)}
          options={[
            { value: 'home' as const, label: t('quarantineMonitoringUi.picker.home') },
            ...(facilities.data?.rows ?? []).filter((f) => f.status !== 'closed').map((f) => ({ value: f.id, label: [f.name, f.tier ? t('quarantineUi.fields.tierN', { tier: f.tier }) : null].filter(Boolean).join(' · ') })),
          ]}
          style={{ width: 360 }}
          data-testid="check-where"
        />
      )}
      <Select<number, Option>
        showSearch={{ filterOption: filter }}
        placeholder={t('quarantineMonitoringUi.picker.person')}
        aria-label={t('quarantineMonitoringUi.picker.person')}
        value={stayId}
        disabled={place === undefined}
        loading={stays.isFetching}
        notFoundContent={stays.isFetching ? t('ui.common.loading') : t('quarantineMonitoringUi.picker.none')}
        onChange={(v) => onChange(where, v)}
        options={stays.data ?? []}
        style={{ width: 460 }}
        data-testid="check-stay"
      />
    </Space>
  );
}
