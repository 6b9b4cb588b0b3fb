// Small pieces the lab screens share: a result as a coloured tag, the person a row is about
// (named only inside the reader's jurisdiction), and the labs the reader may pick from.
import { Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../shared/api/people.js';
import type { LabView, TestResult } from '../../../shared/api/testing.js';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';

const RESULT_COLORS: Record<TestResult, string> = { positive: 'red', negative: 'green', invalid: 'orange' };

export function ResultTag({ result, ct }: { result: TestResult; ct?: number | null }) {
  const { t } = useTranslation();
  return (
    <Tag color={RESULT_COLORS[result]} data-result={result}>
      {t(`testing.result.${result}`)}
      {ct != null && ` · ${t('labWeb.common.ct', { ct })}`}
    </Tag>
  );
}

export function PersonCell({ personId, person }: { personId: number; person: PersonSummary | null }) {
  const { t } = useTranslation();
  if (!person) return <Typography.Text type="secondary">{t('labWeb.common.outside')}</Typography.Text>;
  return (
    <>
      <Link to={`/people/${personId}`}>{person.fullName}</Link>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {[person.birthYear, person.communeName].filter(Boolean).join(' · ')}
      </Typography.Text>
    </>
  );
}

/** The province's labs, for roles that enter results or send samples; empty for the others. */
export function useLabs() {
  const can = useCan();
  const allowed = can('testing.lab') || can('testing.sample');
  return useQuery({
    queryKey: ['testing', 'labs'],
    queryFn: async () => (await api.get<{ rows: LabView[] }>('/testing/labs')).rows.filter((l) => l.active),
    enabled: allowed,
    staleTime: 5 * 60_000,
  });
}
