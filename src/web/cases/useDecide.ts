import { useState } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DecideProposalsBody } from '../../shared/api/cases.js';
import { api } from '../api/client';

type Decided = { decided: number; levelChanges: number; tasksCreated: number };

/** What a decision did, as the officer is told: proposals decided, people whose level moved, new tasks. */
export function decidedMessage(t: TFunction, decision: 'accept' | 'reject', r: Decided): string {
  return t(decision === 'accept' ? 'casesUi.proposals.accepted' : 'casesUi.proposals.rejected', { count: r.decided, levels: r.levelChanges, tasks: r.tasksCreated });
}

/** Accepts or rejects proposals, then refreshes everything tracing shows (levels, contacts, tasks move with it). */
export function useDecide() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function decide(key: string, body: DecideProposalsBody) {
    setBusy(key);
    setError(null);
    try {
      const r = await api.post<Decided>('/tracing/proposals/decide', body);
      await qc.invalidateQueries({ queryKey: ['cases'] });
      void message.success(decidedMessage(t, body.decision, r));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }
  return { decide, busy, error };
}
