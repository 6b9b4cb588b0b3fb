import { useState } from 'react';
import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../shared/api/people.js';
import PersonSearchResults from '../people/PersonSearchResults';

/** Finds a registered person with the people search (name, document, phone) and hands the chosen one back. */
export default function PersonPicker({ onPick, pickLabel, exclude }: { onPick: (p: PersonSummary) => void; pickLabel?: string; exclude?: number[] }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');

  return (
    <div>
      <Input.Search
        allowClear
        enterButton={t('ui.common.search')}
        placeholder={t('ui.people.searchPlaceholder')}
        aria-label={t('casesUi.picker.searchLabel')}
        onSearch={(v) => setQ(v.trim())}
        style={{ maxWidth: 560, marginBottom: 12 }}
      />
      <PersonSearchResults
        q={q}
        purpose="picker"
        place="communeName"
        exclude={exclude}
        onPick={onPick}
        labels={{
          results: t('casesUi.picker.results'),
          empty: t('ui.people.noResults'),
          hint: t('casesUi.picker.hint'),
          pick: pickLabel ?? t('casesUi.picker.pick'),
          pickNamed: (name) => t('casesUi.picker.pickNamed', { name }),
        }}
      />
    </div>
  );
}
