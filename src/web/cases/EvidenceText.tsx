import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../shared/vn/dates.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function evidenceValue(v: unknown, yes: string, no: string): string {
  if (v == null || v === '') return '—';
  if (typeof v === 'string') return INSTANT.test(v) ? formatDateTime(v) : DAY.test(v) ? formatDate(v) : v;
  if (typeof v === 'boolean') return v ? yes : no;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map((x) => evidenceValue(x, yes, no)).join(', ');
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k}: ${evidenceValue(x, yes, no)}`)
    .join(', ');
}

/** Record ids (visits, declarations, communes) mean nothing to a tracer; the facts around them do. */
const shown = (k: string, v: unknown) => v != null && v !== '' && !/Id$/.test(k);

/** What a proposal or an exposure rests on (check-in times, the shared address, the seat …), one line a fact. */
export default function EvidenceText({ evidence, omit = [] }: { evidence: Record<string, unknown>; omit?: string[] }) {
  const { t } = useTranslation();
  // The assumed stay only matters when somebody's check-out is missing.
  const assumed = evidence.candidateOut == null || evidence.subjectOut == null;
  const entries = Object.entries(evidence).filter(([k, v]) => shown(k, v) && !omit.includes(k) && (k !== 'assumedStayMinutes' || assumed));
  if (entries.length === 0) return <>—</>;
  return (
    <Typography.Text style={{ fontSize: 12 }}>
      {entries.map(([k, v]) => (
        <span key={k} style={{ display: 'block' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`casesUi.evidence.${k}`, { defaultValue: k })}:
          </Typography.Text>{' '}
          {evidenceValue(v, t('ui.common.yes'), t('ui.common.no'))}
        </span>
      ))}
    </Typography.Text>
  );
}
