import type Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies the numbered SQL files in migrations/ that this database has not seen. All of it
 * runs under one writer lock (BEGIN IMMEDIATE), so two processes starting on one file at
 * once apply each migration exactly once.
 */
const migrationFiles = () => readdirSync(dir).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();

/** How many shipped migrations `db` lacks. */
export function pendingMigrations(db: Database.Database): number {
  const applied = new Set(db.prepare('SELECT version FROM migrations').pluck().all() as number[]);
  return migrationFiles().filter((f) => !applied.has(Number.parseInt(f, 10))).length;
}

export function migrate(db: Database.Database): void {
  const files = migrationFiles();
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const applied = new Set(db.prepare('SELECT version FROM migrations').pluck().all() as number[]);
    for (const name of files) {
      const version = Number.parseInt(name, 10);
      if (applied.has(version)) continue;
      db.exec(readFileSync(dir + name, 'utf8'));
      db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)').run(version, name, Date.now());
    }
  }).immediate();
}
