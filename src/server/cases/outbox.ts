// The notification outbox: messages are written in the transaction that decides them, and a job
// hands them to the channel's sender afterwards, so a slow or failing gateway never undoes tracing
// work. A failed send is retried on the next run until maxAttempts.
import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { translate } from '../../shared/i18n/index.js';
import { outbox } from './schema.js';
import { senders as processSenders, type Channel, type SenderRegistry } from './outbox-senders.js';

export interface NewMessage {
  channel: Channel;
  recipient: string;
  /** a message key, worded in Vietnamese with the params when sent */
  template: string;
  params?: Record<string, unknown>;
}

/** Recipient of the messages meant for the tracing team of a commune. */
export const communeRecipient = (communeId: number) => `unit:${communeId}`;

export async function enqueue(tx: DbOrTx, messages: readonly NewMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = await tx
    .insert(outbox)
    .values(messages.map((m) => ({ channel: m.channel, recipient: m.recipient, template: m.template, params: m.params ?? {} })))
    .returning({ id: outbox.id });
  return rows.length;
}

export interface SendOptions {
  senders?: SenderRegistry;
  batch?: number;
  maxAttempts?: number;
}

/**
 * Sends the pending messages, oldest first, each in its own short transaction that locks it
 * (skip locked, so two API processes never send one message twice).
 */
export async function sendPendingMessages(db: Db, now = new Date(), opts: SendOptions = {}): Promise<{ sent: number; failed: number; retrying: number }> {
  const registry = opts.senders ?? processSenders();
  const maxAttempts = opts.maxAttempts ?? 5;
  const result = { sent: 0, failed: 0, retrying: 0 };
  // A message that fails waits for the next run rather than being retried at once.
  const tried: number[] = [];
  for (let i = 0; i < (opts.batch ?? 200); i++) {
    const outcome = await db.transaction(async (tx) => {
      const [m] = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), sql`${outbox.createdAt} <= ${now.toISOString()}::timestamptz`, tried.length ? notInArray(outbox.id, tried) : undefined))
        .orderBy(asc(outbox.createdAt), asc(outbox.id))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!m) return null;
      tried.push(m.id);
      const attempts = m.attempts + 1;
      try {
        await registry.senderFor(m.channel).send(m, translate('vi', m.template, m.params));
        await tx.update(outbox).set({ status: 'sent', attempts, sentAt: new Date(), lastError: null }).where(eq(outbox.id, m.id));
        return 'sent' as const;
      } catch (err) {
        const failed = attempts >= maxAttempts;
        const lastError = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
        await tx.update(outbox).set({ status: failed ? 'failed' : 'pending', attempts, lastError }).where(eq(outbox.id, m.id));
        return failed ? ('failed' as const) : ('retrying' as const);
      }
    });
    if (outcome === null) break;
    result[outcome]++;
  }
  return result;
}
