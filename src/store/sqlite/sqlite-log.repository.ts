import type Database from 'better-sqlite3';
import { chainHash, GENESIS_HASH } from '../audit-chain.ts';
import type { EventLogRepository, LogEntry, NewLogEntry, Page } from '../store.port.ts';
import { toLogEntry, type Raw } from './sqlite-rows.ts';

/** The append-only, hash-chained audit log (triggers refuse UPDATE and DELETE). */
export class SqliteLogRepository implements EventLogRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      lastHash: db.prepare('SELECT hash FROM dispute_events WHERE dispute_id = ? ORDER BY seq DESC LIMIT 1').pluck(),
      append: db.prepare(`INSERT INTO dispute_events (dispute_id, seq, type, payload, actor, at, prev_hash, hash)
        VALUES (@disputeId, @seq, @type, @payload, @actor, @at, @prevHash, @hash)`),
      // LIMIT -1 is no limit in SQLite; seq starts at 1.
      entries: db.prepare('SELECT * FROM dispute_events WHERE dispute_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
    };
  }

  async append(e: NewLogEntry): Promise<LogEntry> {
    const prevHash = (this.q.lastHash.get(e.disputeId) as string | undefined) ?? GENESIS_HASH;
    const entry: LogEntry = { ...e, prevHash, hash: chainHash(prevHash, e) };
    this.q.append.run({ ...entry, payload: JSON.stringify(entry.payload) });
    return entry;
  }

  async entries(disputeId: string, page: Page<number> = {}): Promise<LogEntry[]> {
    return (this.q.entries.all(disputeId, page.after ?? 0, page.limit ?? -1) as Raw[]).map(toLogEntry);
  }
}
