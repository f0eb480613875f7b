import pg from 'pg';
import { logger } from '../../logger.ts';

/** Reconnect delays after the LISTEN connection drops: 100 ms, doubling, at most 2 s. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 2_000;

/**
 * One dedicated connection (outside the pool: LISTEN belongs to a session) that listens on the
 * channels asked for and calls their listeners. When it drops it reconnects, listens again and
 * wakes every listener once, since notifications sent meanwhile are lost.
 *
 *   const l = new PgListener(url);
 *   l.on('dispute_jobs', () => poll());
 *   await l.close();
 */
export class PgListener {
  private readonly listeners = new Map<string, Set<() => void>>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  /** A connection was lost: notifications may have gone by unheard. */
  private missed = false;
  private closed = false;

  constructor(private readonly url: string) {}

  on(channel: string, listener: () => void): void {
    if (this.closed) throw new Error('the store is closed');
    let set = this.listeners.get(channel);
    if (!set) {
      this.listeners.set(channel, (set = new Set()));
      // A new channel on a live connection; otherwise connect() listens to every channel.
      const client = this.client;
      if (client && !this.connecting) client.query(`LISTEN ${pg.escapeIdentifier(channel)}`).catch((err: unknown) => this.lost(err, client));
    }
    set.add(listener);
    if (!this.client && !this.retryTimer) this.connecting ??= this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', (err) => this.lost(err, client));
    client.on('end', () => this.lost(new Error('LISTEN connection ended'), client));
    client.on('notification', (msg) => this.wake(msg.channel));
    try {
      await client.connect();
      for (const channel of this.listeners.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      this.connecting = undefined;
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      return this.lost(err);
    }
    this.connecting = undefined;
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    if (this.missed) for (const channel of this.listeners.keys()) this.wake(channel);
    this.missed = false;
  }

  /** The connection failed or ended: drop it and try again after a short, growing pause. */
  private lost(err: unknown, client?: pg.Client): void {
    if (client && client !== this.client) return;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      void client.end().catch(() => undefined);
    }
    if (this.closed || this.retryTimer) return;
    this.missed = true;
    logger.warn({ err, retryInMs: this.retryMs }, 'postgres LISTEN connection lost; reconnecting');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connecting ??= this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private wake(channel: string): void {
    for (const listener of this.listeners.get(channel) ?? []) {
      try {
        listener();
      } catch (err) {
        logger.error({ err, channel }, 'notify listener threw');
      }
    }
  }
}
