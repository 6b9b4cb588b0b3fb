import { useState } from 'react';
import { Alert, Card, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CreatePersonResponse } from '../../shared/api/people.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import DuplicateCandidates from './DuplicateCandidates';
import PersonForm from './PersonForm';

export default function PersonCreatePage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [created, setCreated] = useState<CreatePersonResponse | null>(null);
  const [formKey, setFormKey] = useState(0);

  if (created) {
    const { person, duplicates } = created;
    return (
      <>
        <PageTitle>{t('ui.people.createTitle')}</PageTitle>
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('ui.people.created', { name: person.fullName })}
          style={{ marginBottom: 16 }}
          action={<Link to={`/people/${person.id}`}>{t('ui.people.openRecord')}</Link>}
        />
        {duplicates.length > 0 && (
          <Card title={t('ui.people.possibleDuplicates', { count: duplicates.length })} style={{ marginBottom: 16 }}>
            <Alert type="warning" showIcon title={t('ui.people.duplicatesFound')} style={{ marginBottom: 12 }} />
            <DuplicateCandidates rows={duplicates} />
            {can('people.merge') && (
              <div style={{ marginTop: 12 }}>
                <Link to="/people/duplicates">{t('ui.people.reviewDuplicates')}</Link>
              </div>
            )}
          </Card>
        )}
        <Space>
          <LinkButton
            to="/people/new"
            type="primary"
            onClick={() => {
              setCreated(null);
              setFormKey((k) => k + 1);
            }}
          >
            {t('ui.people.addAnother')}
          </LinkButton>
          <LinkButton to="/people">{t('ui.people.backToSearch')}</LinkButton>
        </Space>
      </>
    );
  }

  return (
    <>
      <PageTitle>{t('ui.people.createTitle')}</PageTitle>
      <Card>
        <PersonForm
          key={formKey}
          submitLabel={t('ui.common.create')}
          onSubmit={async (input) => {
            const res = await api.post<CreatePersonResponse>('/people', input);
            await qc.invalidateQueries({ queryKey: ['people'] });
            setCreated(res);
          }}
        />
      </Card>
    </>
  );
}
