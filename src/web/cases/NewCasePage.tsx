import { useState } from 'react';
import { App, Button, Card, Descriptions, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PersonDetail, PersonSummary } from '../../shared/api/people.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import { birthText, docText } from '../people/format';
import CaseForm from './CaseForm';
import PersonPicker from './PersonPicker';

type Picked = Pick<PersonSummary, 'id' | 'fullName' | 'birthDate' | 'birthYear' | 'docType' | 'docNumber' | 'phone' | 'addressLine'> & { communeName: string };

export default function NewCasePage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const fromPerson = Number(params.get('person')) || undefined;
  const [picked, setPicked] = useState<Picked | null>(null);
  // Opened from a person's page: that person is already chosen.
  const preset = useQuery({
    queryKey: ['people', 'detail', String(fromPerson)],
    queryFn: () => api.get<PersonDetail>(`/people/${fromPerson}`),
    enabled: !!fromPerson && !picked,
  });
  const person: Picked | null = picked ?? (preset.data ? { ...preset.data, communeName: preset.data.commune.name } : null);

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/cases">← {t('casesUi.detail.backToList')}</Link>
      </Typography.Paragraph>
      <PageTitle>{t('casesUi.form.title')}</PageTitle>
      <ErrorAlert error={preset.error} />
      <Card
        title={t('casesUi.form.step1')}
        style={{ marginBottom: 16 }}
        extra={
          can('people.write') && (
            <a href="/people/new" target="_blank" rel="noreferrer">
              <UserAddOutlined /> {t('casesUi.form.createPerson')}
            </a>
          )
        }
      >
        {person ? (
          <>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'name', label: t('fields.fullName'), children: <Link to={`/people/${person.id}`}>{person.fullName}</Link> },
                { key: 'birth', label: t('fields.birthDate'), children: birthText(person) },
                { key: 'doc', label: t('ui.people.document'), children: docText(t, person) || '—' },
                { key: 'phone', label: t('fields.phone'), children: person.phone ?? '—' },
                { key: 'address', label: t('fields.addressLine'), children: [person.addressLine, person.communeName].filter(Boolean).join(', ') },
              ]}
            />
            <Button
              style={{ marginTop: 12 }}
              onClick={() => {
                setPicked(null);
                if (fromPerson) navigate('/cases/new', { replace: true });
              }}
            >
              {t('casesUi.form.changePerson')}
            </Button>
          </>
        ) : (
          <PersonPicker onPick={setPicked} />
        )}
      </Card>
      {person && (
        <Card title={t('casesUi.form.step2')}>
          <CaseForm
            key={person.id}
            personId={person.id}
            onCreated={(c) => {
              void qc.invalidateQueries({ queryKey: ['cases'] });
              void message.success(t('casesUi.form.created', { code: c.code ?? `#${c.id}` }));
              navigate(`/cases/${c.id}`);
            }}
          />
        </Card>
      )}
    </>
  );
}
