import { useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BulkDecisionBody, BulkDecisionView } from '../../shared/api/cases.js';
import { api } from '../api/client';
import { decidedMessage } from './useDecide';

const POLL_MS = 1500;
const ended = (d: BulkDecisionView | undefined) => d?.status === 'done' || d?.status === 'failed';

/**
 * A cluster's decision: queued on the server, which answers at once, then followed until it ends.
 * A decision already under way (after a reload, or asked by a colleague) is followed the same way.
 */
export function useBulkDecision(underWay: number | null) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [started, setStarted] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [queueing, setQueueing] = useState(false);
  const id = started ?? underWay;
  const followed = useQuery({
    queryKey: ['bulk-decision', id],
    queryFn: () => api.get<BulkDecisionView>(`/tracing/bulk-decisions/${id}`),
    enabled: id !== null,
    refetchInterval: (q) => (ended(q.state.data) ? false : POLL_MS),
  });
  const reported = useRef<number | null>(null);
  const data = followed.data;

  useEffect(() => {
    if (!data || !ended(data) || reported.current === data.id) return;
    reported.current = data.id;
    // Only the officer who clicked is told the outcome; anyone else just sees the list move on.
    if (data.id === started) {
      if (data.status === 'done' && data.result) {
        void message.success(decidedMessage(t, data.decision, data.result));
      } else if (data.error) {
        setError(new Error(data.error.message));
      }
      setStarted(null);
    }
    void qc.invalidateQueries({ queryKey: ['cases'] });
  }, [data, started, message, qc, t]);

  async function queue(body: BulkDecisionBody) {
    setQueueing(true);
    setError(null);
    try {
      const d = await api.post<BulkDecisionView>('/tracing/bulk-decisions', body);
      setStarted(d.id);
      void message.info(t('casesUi.clusters.decisionQueued'));
      await qc.invalidateQueries({ queryKey: ['cases'] });
    } catch (err) {
      setError(err);
    } finally {
      setQueueing(false);
    }
  }

  const running = queueing || (id !== null && !ended(data));
  return { queue, running, decision: running ? data : undefined, error };
}
