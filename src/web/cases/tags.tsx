import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../shared/api/cases.js';
import { levelColor, levelLabel, STATUS_COLORS } from './levels';

export function LevelTag({ level }: { level: number | null | undefined }) {
  if (level == null) return <>—</>;
  // Yellow needs dark text to stay readable.
  return (
    <Tag color={levelColor(level)} style={{ color: level === 2 ? '#262626' : undefined, fontWeight: 600 }}>
      {levelLabel(level)}
    </Tag>
  );
}

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`cases.status.${status}`)}</Tag>;
}

/** A case's number, or for a suspected case (numbered only at confirmation) its record id. */
export function caseLabel(t: (k: string, o?: Record<string, unknown>) => string, c: { id: number; code: string | null }): string {
  return c.code ?? t('casesUi.common.suspectedCase', { id: c.id });
}
