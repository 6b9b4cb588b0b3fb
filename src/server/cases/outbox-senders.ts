// Who delivers outbox messages, per channel. The built-in sender writes each message to the log
// (pino). A deployment plugs real delivery in two ways: configuration of an HTTP gateway per
// channel (OUTBOX_SMS_URL, OUTBOX_ZALO_URL, OUTBOX_EMAIL_URL, each with an optional
// OUTBOX_<CHANNEL>_TOKEN sent as a bearer token), the way SMS brandname, Zalo ZNS and mail relays
// are usually fronted; or code registering its own Sender for a channel. A channel with neither
// falls back to the log sender, with a warning, so nothing is lost and nothing pretends to be sent.
import { pino, type Logger } from 'pino';

export const CHANNELS = ['sms', 'zalo', 'email', 'log'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface OutboxMessage {
  id: number;
  channel: Channel;
  recipient: string;
  template: string;
  params: Record<string, unknown>;
}

export interface Sender {
  readonly name: string;
  /** Delivers one message (its text already worded); throws to have it retried. */
  send(message: OutboxMessage, text: string): Promise<void>;
}

let defaultLogger: Logger | undefined;
export const outboxLogger = (): Logger => (defaultLogger ??= pino({ name: 'outbox', level: process.env.LOG_LEVEL ?? 'info' }));

export function logSender(logger: Logger = outboxLogger()): Sender {
  return {
    name: 'log',
    send: async (m, text) => {
      logger.info({ outboxId: m.id, channel: m.channel, recipient: m.recipient, template: m.template, params: m.params }, text);
    },
  };
}

/** Posts the message as JSON to a gateway; any answer but 2xx is a failure to retry. */
export function httpGatewaySender(channel: Channel, url: string, token?: string, timeoutMs = 10_000): Sender {
  return {
    name: `http:${channel}`,
    send: async (m, text) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // The gateway can drop a message it has already delivered when a retry follows a lost answer.
          'idempotency-key': `phongdich-outbox-${m.id}`,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ id: m.id, channel, to: m.recipient, template: m.template, params: m.params, text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    },
  };
}

export class SenderRegistry {
  private readonly senders = new Map<Channel, Sender>();
  private readonly warned = new Set<Channel>();

  constructor(
    private readonly logger: Logger = outboxLogger(),
    private readonly fallback: Sender = logSender(logger),
  ) {
    this.senders.set('log', fallback);
  }

  register(channel: Channel, sender: Sender): this {
    this.senders.set(channel, sender);
    return this;
  }

  /** The channel's sender, else the log sender (warned once per channel). */
  senderFor(channel: Channel): Sender {
    const sender = this.senders.get(channel);
    if (sender) return sender;
    if (!this.warned.has(channel)) {
      this.warned.add(channel);
      this.logger.warn({ channel }, `no sender configured for the ${channel} channel; its messages are written to the log instead`);
    }
    return this.fallback;
  }

  has(channel: Channel): boolean {
    return this.senders.has(channel);
  }
}

/** The senders the environment configures. */
export function sendersFromEnv(env: NodeJS.ProcessEnv = process.env, logger: Logger = outboxLogger()): SenderRegistry {
  const registry = new SenderRegistry(logger);
  for (const channel of ['sms', 'zalo', 'email'] as const) {
    const url = env[`OUTBOX_${channel.toUpperCase()}_URL`];
    if (url) registry.register(channel, httpGatewaySender(channel, url, env[`OUTBOX_${channel.toUpperCase()}_TOKEN`] || undefined));
  }
  return registry;
}

let processSenders: SenderRegistry | undefined;
/** The process-wide registry, read from the environment on first use; code may register more senders on it. */
export const senders = (): SenderRegistry => (processSenders ??= sendersFromEnv());
