import { Alert, Card } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PersonDetail } from '../../shared/api/people.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import PersonForm from './PersonForm';

export default function PersonEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const person = useQuery({ queryKey: ['people', 'detail', id], queryFn: () => api.get<PersonDetail>(`/people/${id}`) });

  return (
    <>
      <PageTitle>{person.data ? t('ui.people.editTitle', { name: person.data.fullName }) : t('ui.common.loading')}</PageTitle>
      <ErrorAlert error={person.error} />
      {person.data?.mergedInto && <Alert type="warning" showIcon title={t('people.errors.merged_read_only')} style={{ marginBottom: 16 }} />}
      <Card loading={person.isPending}>
        {person.data && (
          <PersonForm
            person={person.data}
            submitLabel={t('ui.common.save')}
            onCancel={() => navigate(`/people/${id}`)}
            onSubmit={async (input) => {
              await api.patch<PersonDetail>(`/people/${id}`, input);
              await qc.invalidateQueries({ queryKey: ['people'] });
              navigate(`/people/${id}`);
            }}
          />
        )}
      </Card>
    </>
  );
}
