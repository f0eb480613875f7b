/**
 * Migration 012 on a database that predates it: the queue's columns are removed behind the
 * service's back (as they were before 012), the migration runs again at the next start, and
 * the list comes out exactly as the unit of work wrote it — reason, amount in each currency's
 * minor units, side, missing evidence, needs review, next deadline.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pino } from 'pino';
import { FILE_DISPUTE_EXAMPLE } from '../../src/http/openapi/examples.ts';
import { startService } from '../../src/service.ts';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { client } from '../helpers/http.ts';
import { disputeBody } from '../helpers/order.ts';
import { rawSql } from '../helpers/raw-sql.ts';
import { testService } from '../helpers/service.ts';

const QUEUE_COLUMNS = ['reason', 'amount_minor', 'currency', 'favours', 'missing', 'needs_review', 'next_deadline'];
/** Migration 012's new indexes; it re-creates disputes_due and disputes_status_due itself. */
const QUEUE_INDEXES = ['disputes_seller_due', 'disputes_favours_due', 'disputes_review_due'];

test('an existing database comes out of migration 012 with the queue columns the unit of work writes', async () => {
  const svc = await testService();
  let second: Awaited<ReturnType<typeof startService>> | undefined;
  try {
    const order = (orderId: string, over: Record<string, unknown> = {}) => ({ ...structuredClone(FILE_DISPUTE_EXAMPLE.order), orderId, ...over });
    const file = async (body: Record<string, unknown>) => {
      const r = await svc.api.post('/api/disputes', disputeBody(body));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    };
    const { deliveryProof: _p, ...unsigned } = structuredClone(FILE_DISPUTE_EXAMPLE.order.shipment);
    await file({ order: order('B-1') });
    await file({ reason: 'damaged', order: order('B-2', { amount: { value: '1500', currency: 'JPY' }, shipment: unsigned }) });
    await file({ order: order('B-3', { amount: { value: '12.125', currency: 'KWD' } }) });
    const responded = await file({ order: order('B-4', { amount: { value: '7.5', currency: 'EUR' } }) });
    assert.equal((await svc.api.post(`/api/disputes/${responded}/events`, { type: 'SELLER_RESPONDED' })).status, 200);
    const withdrawn = await file({ order: order('B-5') });
    assert.equal((await svc.api.post(`/api/disputes/${withdrawn}/events`, { type: 'BUYER_WITHDREW' })).status, 200);
    const flagged = await file({ order: order('B-6') });
    const up = await uploadEvidence(svc.url, flagged, 'label_photo', readFileSync((await ensureFixtures()).strippedPhotoJpeg));
    assert.equal((await settledEvidence(svc.url, up.body.id)).status, 'needs_review');

    const written = (await svc.api.get('/api/disputes?order=id&limit=200')).body.items;
    assert.equal(written.length, 6);
    assert.deepEqual(
      written.map((d: { needsReview: number }) => d.needsReview).sort(),
      [0, 0, 0, 0, 0, 1],
      'one dispute waits for review before the columns go',
    );

    const raw = await rawSql(svc);
    try {
      // Free text as JSON.stringify writes a NUL and a lone surrogate (a barcode's bytes could be
      // anything): PostgreSQL's json refuses both, and the migration must not stop on them.
      const awkward = String.raw`"note":"nul \u0000, lone \ud800","claim":`;
      await raw.exec({
        sqlite: `UPDATE disputes SET snapshot = replace(snapshot, '"claim":', '${awkward}')`,
        postgres: `UPDATE disputes SET snapshot = replace(snapshot, '"claim":', '${awkward}')`,
      });
      await raw.exec({
        sqlite: [...QUEUE_INDEXES.map((i) => `DROP INDEX ${i};`), ...QUEUE_COLUMNS.map((c) => `ALTER TABLE disputes DROP COLUMN ${c};`), 'DELETE FROM migrations WHERE version = 12;'].join('\n'),
        postgres: `DROP INDEX ${QUEUE_INDEXES.join(', ')}; ALTER TABLE disputes ${QUEUE_COLUMNS.map((c) => `DROP COLUMN ${c}`).join(', ')}; DELETE FROM migrations WHERE version = 12;`,
      });
    } finally {
      await raw.close();
    }

    // The next start migrates the database it finds (the first service stays up, idle).
    second = await startService({
      port: 0,
      host: '127.0.0.1',
      dataDir: svc.dataDir,
      databaseUrl: svc.databaseUrl,
      uploadsDir: join(svc.dir, 'uploads'),
      log: pino({ level: 'silent' }),
      timers: false,
      jobs: false,
      access: { auth: 'off' },
    });
    const backfilled = (await client(second.url).get('/api/disputes?order=id&limit=200')).body.items;
    assert.deepEqual(backfilled, written);
  } finally {
    await second?.close();
    await svc.close();
  }
});
