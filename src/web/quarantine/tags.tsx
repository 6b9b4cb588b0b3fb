import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FacilitySummary, StayTestView, StayView } from '../../shared/api/quarantine.js';
import { formatDate } from '../../shared/vn/dates.js';

const FACILITY_COLORS: Record<FacilitySummary['status'], string> = { ready: 'blue', active: 'green', closed: 'default' };
const STAY_COLORS: Record<StayView['status'], string> = { active: 'green', discharged: 'default', transferred: 'purple', died: 'black' };
const RESULT_COLORS = { negative: 'green', positive: 'red', invalid: 'orange' } as const;

export function FacilityStatusTag({ status }: { status: FacilitySummary['status'] }) {
  const { t } = useTranslation();
  return <Tag color={FACILITY_COLORS[status]}>{t(`quarantineUi.facilityStatus.${status}`)}</Tag>;
}

export function StayStatusTag({ status }: { status: StayView['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STAY_COLORS[status]}>{t(`quarantineUi.stayStatus.${status}`)}</Tag>;
}

export function RiskTag({ risk }: { risk: StayView['risk'] }) {
  const { t } = useTranslation();
  return <Tag color={risk === 'f0' ? 'red' : risk === 'f1' ? 'orange' : 'gold'}>{t(`quarantineUi.risk.${risk}`)}</Tag>;
}

/** A cohort: people admitted the same day with the same risk, who may share a room. */
export function CohortTag({ admissionDay, risk }: { admissionDay: string; risk: StayView['risk'] }) {
  const { t } = useTranslation();
  return (
    <Tag>
      {formatDate(admissionDay)} · {t(`quarantineUi.risk.${risk}`)}
    </Tag>
  );
}

export function TestTag({ test }: { test: Pick<StayTestView, 'status' | 'result' | 'sampleCode'> }) {
  const { t } = useTranslation();
  if (test.result) return <Tag color={RESULT_COLORS[test.result]}>{t(`quarantineUi.testResult.${test.result}`)}</Tag>;
  if (test.status === 'cancelled') return <Tag>{t('quarantineUi.testStatus.cancelled')}</Tag>;
  return <Tag color={test.sampleCode ? 'blue' : 'default'}>{t(test.sampleCode ? 'quarantineUi.testStatus.atLab' : 'quarantineUi.testStatus.open')}</Tag>;
}

/** "Day 9 of 14", flagged once the planned period is over and the person is still there. */
export function DayOf({ day, days }: { day: number; days: number }) {
  const { t } = useTranslation();
  return (
    <span style={{ fontSize: 12 }}>
      {t('quarantineUi.stays.dayOf', { day, days })}
      {day > days && (
        <Tag color="orange" style={{ marginInlineStart: 6 }}>
          {t('quarantineUi.stays.pastEnd')}
        </Tag>
      )}
    </span>
  );
}
