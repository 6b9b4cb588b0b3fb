import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WarningSign } from '../../../shared/api/quarantine-monitoring.js';
import { currentLang } from '../../i18n';
import { signParams, type SymptomChoice } from './model';

/** The warning signs of a check, each with the value against the profile's threshold. */
export default function WarningSigns({ signs, symptoms, empty = null }: { signs: WarningSign[]; symptoms: readonly SymptomChoice[]; empty?: string | null }) {
  const { t } = useTranslation();
  if (signs.length === 0) return empty ? <span>{empty}</span> : null;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {signs.map((s) => (
        <Tag key={`${s.code}:${s.value}`} color="red" data-sign={s.code} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
          {t(`quarantineMonitoring.sign.${s.code}`, signParams(s, symptoms, currentLang()))}
        </Tag>
      ))}
    </span>
  );
}
