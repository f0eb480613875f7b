import { chainHash, GENESIS_HASH } from '../audit-chain.ts';
import type { EventLogRepository, LogEntry, NewLogEntry, Page } from '../store.port.ts';
import { json, type Queryable } from './pg-queryable.ts';
import { toLogEntry, type LogRecord } from './pg-rows.ts';

/** The append-only, hash-chained audit log (a trigger refuses UPDATE, DELETE and TRUNCATE). */
export class PgLogRepository implements EventLogRepository {
  constructor(private readonly db: Queryable) {}

  async append(e: NewLogEntry): Promise<LogEntry> {
    const { rows } = await this.db.query<{ hash: string }>('SELECT hash FROM dispute_events WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1', [e.disputeId]);
    const prevHash = rows[0]?.hash ?? GENESIS_HASH;
    // Hashed from the entry as the workflow built it, never from what PostgreSQL hands back.
    const entry: LogEntry = { disputeId: e.disputeId, seq: e.seq, type: e.type, payload: e.payload, actor: e.actor, at: e.at, prevHash, hash: chainHash(prevHash, e) };
    await this.db.query(
      `INSERT INTO dispute_events (dispute_id, seq, type, payload, actor, at, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [entry.disputeId, entry.seq, entry.type, json(entry.payload), entry.actor, entry.at, entry.prevHash, entry.hash],
    );
    return entry;
  }

  async entries(disputeId: string, page: Page<number> = {}): Promise<LogEntry[]> {
    // LIMIT NULL is no limit in PostgreSQL; seq starts at 1.
    const { rows } = await this.db.query<LogRecord>('SELECT * FROM dispute_events WHERE dispute_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [disputeId, page.after ?? 0, page.limit ?? null]);
    return rows.map(toLogEntry);
  }
}
