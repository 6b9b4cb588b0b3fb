import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../shared/i18n/index.js';
import { currentLang, switchLang } from '../i18n';

/** Tiếng Việt / English; on a phone only the two-letter codes fit. */
export default function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('ui.shell.language')}
      value={currentLang()}
      onChange={(lang) => void switchLang(lang)}
      options={[
        { value: 'vi', label: <span lang="vi" title="Tiếng Việt">{compact ? 'VI' : 'Tiếng Việt'}</span> },
        { value: 'en', label: <span lang="en" title="English">{compact ? 'EN' : 'English'}</span> },
      ]}
    />
  );
}
