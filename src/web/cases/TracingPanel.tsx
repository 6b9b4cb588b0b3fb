import { useState } from 'react';
import { App, Button, Card } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/api/cases.js';
import { SOURCE_STATUSES } from '../../shared/api/cases.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import ContactsSection from './ContactsSection';
import CrowdsSection from './CrowdsSection';
import ProposalsSection from './ProposalsSection';

/** Tracing of one case: what the platform proposes, the crowds to screen, what was accepted (the contacts by level), and a re-run. */
export default function TracingPanel({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const traced = SOURCE_STATUSES.includes(c.status);

  async function rerun() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ proposed: number; autoAccepted: number }>(`/cases/${c.id}/trace`);
      await qc.invalidateQueries({ queryKey: ['cases'] });
      void message.success(t('casesUi.tracing.rerunDone', { proposed: r.proposed, auto: r.autoAccepted }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={t('casesUi.tracing.title')}
      style={{ marginBottom: 16 }}
      data-testid="tracing-panel"
      extra={
        can('tracing.decide') &&
        traced && (
          <Button icon={<ReloadOutlined />} loading={busy} onClick={() => void rerun()} data-testid="tracing-rerun">
            {t('casesUi.tracing.rerun')}
          </Button>
        )
      }
    >
      <ErrorAlert error={error} />
      <ProposalsSection caseId={c.id} />
      <CrowdsSection caseId={c.id} />
      <ContactsSection caseId={c.id} />
    </Card>
  );
}
