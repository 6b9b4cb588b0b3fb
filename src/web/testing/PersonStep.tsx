import { useState } from 'react';
import { Alert, Button, Card, Input, Segmented, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { personInput, type PersonInput, type PersonSummary } from '../../shared/api/people.js';
import { ApiError } from '../api/client';
import { useCan } from '../auth/session';
import { birthText, docText } from '../people/format';
import PersonForm from '../people/PersonForm';
import PersonSearchResults from '../people/PersonSearchResults';

/** The person sampled: found in the registry, or their details taken on the spot (matched or registered by the server). */
export type Who = { kind: 'found'; person: PersonSummary } | { kind: 'new'; input: PersonInput };

export default function PersonStep({ who, onChange }: { who: Who | null; onChange: (w: Who | null) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [mode, setMode] = useState<'find' | 'new'>('find');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');

  if (who) {
    const text =
      who.kind === 'found'
        ? [who.person.fullName, birthText(who.person), docText(t, who.person), who.person.phone, who.person.communeName].filter(Boolean).join(' · ')
        : [who.input.fullName, who.input.birthYear ?? who.input.birthDate, who.input.docNumber, who.input.phone].filter(Boolean).join(' · ');
    return (
      <Card size="small" title={t('testingUi.sampling.person')}>
        <Alert
          type={who.kind === 'found' ? 'info' : 'warning'}
          showIcon
          data-testid="sampling-person"
          title={text}
          description={who.kind === 'new' ? t('testingUi.sampling.newPersonNote') : undefined}
          action={
            <Button size="small" onClick={() => onChange(null)} data-testid="sampling-person-change">
              {t('testingUi.sampling.changePerson')}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <Card
      size="small"
      title={t('testingUi.sampling.person')}
      extra={
        can('people.write') && (
          <Segmented<'find' | 'new'>
            value={mode}
            onChange={setMode}
            data-testid="sampling-person-mode"
            options={[
              { value: 'find', label: t('testingUi.sampling.find') },
              { value: 'new', label: t('testingUi.sampling.register') },
            ]}
          />
        )
      }
    >
      {mode === 'find' ? (
        <>
          <Space.Compact style={{ width: '100%', maxWidth: 560, marginBottom: 12 }}>
            <Input
              allowClear
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onPressEnter={() => setQ(typed.trim())}
              placeholder={t('ui.people.searchPlaceholder')}
              aria-label={t('testingUi.sampling.searchLabel')}
              data-testid="sampling-person-search"
            />
            <Button type="primary" onClick={() => setQ(typed.trim())} data-testid="sampling-person-search-submit">
              {t('ui.common.search')}
            </Button>
          </Space.Compact>
          <PersonSearchResults
            q={q}
            purpose="sampling"
            place="addressLine"
            testId="sampling-person"
            onPick={(person) => onChange({ kind: 'found', person })}
            labels={{
              results: t('testingUi.sampling.results'),
              empty: t('testingUi.sampling.noneFound'),
              hint: t('testingUi.sampling.searchHint'),
              pick: t('testingUi.sampling.pick'),
              pickNamed: (name) => t('testingUi.sampling.pickNamed', { name }),
            }}
          />
        </>
      ) : (
        <PersonForm
          submitLabel={t('testingUi.sampling.useDetails')}
          onSubmit={async (input) => {
            // The details are sent only with the sample: checked now, so a mistake is fixed in the form, on its field.
            const parsed = personInput.safeParse(input);
            if (!parsed.success) {
              const issue = parsed.error.issues[0];
              throw new ApiError(400, 'validation', t(issue.message), issue.path.join('.'));
            }
            onChange({ kind: 'new', input });
          }}
        />
      )}
    </Card>
  );
}
