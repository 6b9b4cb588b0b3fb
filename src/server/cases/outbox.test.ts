import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../db/handle.js';
import { testDb } from '../db/testing.js';
import { enqueue, sendPendingMessages } from './outbox.js';
import { sendersFromEnv, SenderRegistry, type OutboxMessage, type Sender } from './outbox-senders.js';

let h: DbHandle;
afterEach(async () => {
  await h?.close();
});

/** A pino logger writing JSON lines into an array. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

async function outboxRows() {
  return queryRows<{ id: number; channel: string; status: string; attempts: number; last_error: string | null; sent_at: Date | null }>(
    h.db,
    sql`select id::int, channel, status, attempts, last_error, sent_at from outbox order by id`,
  );
}

const overdue = { template: 'tracing.notify.task_overdue', params: { taskId: 7, kind: 'Gọi điện liên hệ', level: 1, caseCode: 'BN12', dueAt: '08:00 20/09/2021' } };

describe('notification outbox', () => {
  it('retries a message whose sender failed once, keeping attempts and the last error', async () => {
    h = await testDb();
    await enqueue(h.db, [
      { channel: 'sms', recipient: '0912345678', ...overdue },
      { channel: 'sms', recipient: '0987654321', ...overdue },
    ]);
    const seen: [string, string][] = [];
    let failures = 1;
    const flaky: Sender = {
      name: 'flaky-sms',
      send: async (m: OutboxMessage, text: string) => {
        if (failures-- > 0) throw new Error('gateway timeout');
        seen.push([m.recipient, text]);
      },
    };
    const { logger } = capture();
    const registry = new SenderRegistry(logger).register('sms', flaky);
    expect(await sendPendingMessages(h.db, new Date(), { senders: registry })).toEqual({ sent: 1, failed: 0, retrying: 1 });
    let rows = await outboxRows();
    expect(rows.map((r) => [r.status, r.attempts, r.last_error])).toEqual([
      ['pending', 1, 'gateway timeout'],
      ['sent', 1, null],
    ]);
    expect(await sendPendingMessages(h.db, new Date(), { senders: registry })).toEqual({ sent: 1, failed: 0, retrying: 0 });
    rows = await outboxRows();
    expect(rows.map((r) => [r.status, r.attempts, r.last_error])).toEqual([
      ['sent', 2, null],
      ['sent', 1, null],
    ]);
    expect(seen.map(([to]) => to)).toEqual(['0987654321', '0912345678']);
    expect(seen[0][1]).toBe('Nhiệm vụ truy vết số 7 (Gọi điện liên hệ, F1 BN12) đã quá hạn lúc 08:00 20/09/2021');
    expect(await sendPendingMessages(h.db, new Date(), { senders: registry })).toEqual({ sent: 0, failed: 0, retrying: 0 });
  });

  it('gives up after the last attempt', async () => {
    h = await testDb();
    await enqueue(h.db, [{ channel: 'email', recipient: 'xa.hongha@example.vn', ...overdue }]);
    const { logger } = capture();
    const registry = new SenderRegistry(logger).register('email', { name: 'down', send: async () => Promise.reject(new Error('connection refused')) });
    for (let i = 0; i < 2; i++) await sendPendingMessages(h.db, new Date(), { senders: registry, maxAttempts: 3 });
    expect(await sendPendingMessages(h.db, new Date(), { senders: registry, maxAttempts: 3 })).toEqual({ sent: 0, failed: 1, retrying: 0 });
    expect((await outboxRows()).map((r) => [r.status, r.attempts])).toEqual([['failed', 3]]);
  });

  it('writes to the log, and sends an unconfigured channel to the log with a warning', async () => {
    h = await testDb();
    await enqueue(h.db, [
      { channel: 'log', recipient: 'unit:12', template: 'tracing.notify.new_tasks', params: { tasks: 3, people: 1 } },
      { channel: 'zalo', recipient: '0912345678', ...overdue },
      { channel: 'zalo', recipient: '0912345679', ...overdue },
    ]);
    const { logger, lines } = capture();
    expect(await sendPendingMessages(h.db, new Date(), { senders: sendersFromEnv({}, logger) })).toEqual({ sent: 3, failed: 0, retrying: 0 });
    expect(lines.map((l) => [l.level, l.channel, l.recipient ?? null])).toEqual([
      [30, 'log', 'unit:12'],
      [40, 'zalo', null],
      [30, 'zalo', '0912345678'],
      [30, 'zalo', '0912345679'],
    ]);
    expect(lines[0].msg).toBe('Có 3 nhiệm vụ truy vết mới với 1 người cần liên hệ trên địa bàn');
  });

  it('posts to the configured gateway of a channel with its token, and retries what it refuses', async () => {
    h = await testDb();
    const received: { auth: string | undefined; key: string | undefined; body: Record<string, unknown> }[] = [];
    let refuse = true;
    const server = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, key: req.headers['idempotency-key'] as string, body: JSON.parse(data) });
        res.statusCode = refuse ? 503 : 202;
        res.end(refuse ? 'busy' : '');
        refuse = false;
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
      const { logger } = capture();
      const registry = sendersFromEnv({ OUTBOX_SMS_URL: url, OUTBOX_SMS_TOKEN: 's3cret' }, logger);
      await enqueue(h.db, [{ channel: 'sms', recipient: '0912345678', ...overdue }]);
      expect(await sendPendingMessages(h.db, new Date(), { senders: registry })).toEqual({ sent: 0, failed: 0, retrying: 1 });
      expect((await outboxRows())[0].last_error).toMatch(/^HTTP 503/);
      expect(await sendPendingMessages(h.db, new Date(), { senders: registry })).toEqual({ sent: 1, failed: 0, retrying: 0 });
      expect(received).toHaveLength(2);
      expect(received[1]).toMatchObject({ auth: 'Bearer s3cret', key: `phongdich-outbox-${(await outboxRows())[0].id}` });
      expect(received[1].body).toMatchObject({ channel: 'sms', to: '0912345678', template: overdue.template, text: expect.stringContaining('BN12') });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
