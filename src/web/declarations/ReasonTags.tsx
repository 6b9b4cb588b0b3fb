import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TriageReason, TriageReasonDetail, TriageStatus } from '../../shared/api/declarations.js';
import type { ProfileNames } from './names';

const REASON_COLOR: Record<TriageReason, string> = { symptoms: 'red', exposure: 'orange', outbreak_area: 'purple' };
const STATUS_COLOR: Record<TriageStatus, string> = { pending: 'gold', handled: 'green', not_needed: 'default' };

/** Why a declaration needs a call, each reason with what the citizen declared (symptom names, areas). */
export function ReasonTags({ reasons, names }: { reasons: TriageReasonDetail[]; names: ProfileNames }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return <>—</>;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {reasons.map((r) => {
        const what =
          r.reason === 'symptoms'
            ? (r.codes ?? []).map(names.symptom)
            : r.reason === 'exposure'
              ? (r.codes ?? []).map(names.exposure)
              : (r.areas ?? []).map((a) => a.label);
        return (
          <Tag key={r.reason} color={REASON_COLOR[r.reason]} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
            {t(`declarations.triageReasons.${r.reason}`)}
            {what.length > 0 && `: ${what.join(', ')}`}
          </Tag>
        );
      })}
    </span>
  );
}

export function StatusTag({ status }: { status: TriageStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`declarations.triageStatuses.${status}`)}</Tag>;
}
