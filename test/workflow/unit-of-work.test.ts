import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { manualClock } from '../../src/workflow/clock.ts';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { rawSql } from '../helpers/raw-sql.ts';
import { testService } from '../helpers/service.ts';

const HOUR = 3_600_000;
const stored = (uploadsDir: string) =>
  existsSync(join(uploadsDir, 'objects')) ? readdirSync(join(uploadsDir, 'objects'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length : 0;

test('registration refused by a deadline that fires first answers 409 DISPUTE.CLOSED and keeps no file', async () => {
  const fx = await ensureFixtures();
  const clock = manualClock(Date.now());
  const svc = await testService({ clock, timers: false });
  try {
    const id = (await svc.api.post('/api/disputes', disputeBody())).body.id as string;
    // The first-response deadline is due but no poller fired it: the upload's own unit of work will.
    clock.advance(24 * HOUR + 1);
    assert.equal((await svc.api.get(`/api/disputes/${id}`)).body.status, 'awaiting_seller_response');

    const res = await uploadEvidence(svc.url, id, 'product_photo', readFileSync(fx.cameraJpeg));
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'DISPUTE.CLOSED');
    assert.equal(stored(svc.uploadsDir), 0, 'the file stored before the refused unit of work is removed');
    assert.deepEqual((await svc.api.get(`/api/disputes/${id}/evidence`)).body.items, []);
    const log = (await svc.api.get(`/api/disputes/${id}/events`)).body.items.map((e: { type: string }) => e.type);
    assert.deepEqual(log, ['DISPUTE_FILED', 'DEADLINE_PASSED'], 'the deadline that closed it is committed; no evidence event');
  } finally {
    await svc.close();
  }
});

test('a store that refuses to record a report does not kill the process; the job is retried and reported once', async () => {
  const fx = await ensureFixtures();
  // A retry a second later: ample time to lift the refusal after the first failure is seen.
  const svc = await testService({ jobOptions: { leaseMs: 10_000, pollMs: 50, retryBaseMs: 1_000 } });
  const raw = await rawSql(svc);
  try {
    await raw.exec({
      sqlite: `CREATE TRIGGER test_refuse_reports BEFORE UPDATE OF report ON evidence BEGIN SELECT RAISE(ABORT, 'the store refuses reports'); END;`,
      postgres: `CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the store refuses reports'; END $$;
        CREATE TRIGGER test_refuse_reports BEFORE UPDATE OF report ON evidence FOR EACH ROW EXECUTE FUNCTION test_refuse();`,
    });
    const id = (await svc.api.post('/api/disputes', disputeBody())).body.id as string;
    const up = await uploadEvidence(svc.url, id, 'product_photo', readFileSync(fx.cameraJpeg));
    assert.equal(up.status, 202);

    let job: { attempt: number; last_error: string | null } | undefined;
    for (let i = 0; i < 600 && !job?.last_error; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await raw.one({ sqlite: "SELECT attempt, last_error FROM jobs WHERE kind = 'evidence.check'", postgres: "SELECT attempt, last_error FROM jobs WHERE kind = 'evidence.check'" });
    }
    assert.match(job?.last_error ?? '', /refuses reports/, 'the failure is noted on the job');
    assert.equal((await svc.api.get('/healthz')).status, 200, 'the process is alive');
    assert.equal((await svc.api.get(`/api/evidence/${up.body.id}`)).body.status, 'checking');

    await raw.exec({ sqlite: 'DROP TRIGGER test_refuse_reports', postgres: 'DROP TRIGGER test_refuse_reports ON evidence' });
    const e = await settledEvidence(svc.url, up.body.id);
    assert.ok(!e.report.checks.some((c: { code: string }) => c.code === 'CHECK.FAILED'), 'the retry ran the checks');
    const log = (await svc.api.get(`/api/disputes/${id}/events`)).body.items;
    assert.equal(log.filter((x: { type: string }) => x.type === 'EVIDENCE_REPORTED').length, 2, 'registered, then reported once');
  } finally {
    await raw.close();
    await svc.close();
  }
});

test('the audit chain is verified by recomputing every hash; a tampered entry is found by the API and the CLI', async () => {
  const svc = await testService();
  const raw = await rawSql(svc);
  try {
    const id = (await svc.api.post('/api/disputes', disputeBody())).body.id as string;
    await svc.api.post(`/api/disputes/${id}/events`, { type: 'SELLER_RESPONDED', message: 'Looking into it' });
    await svc.api.post(`/api/disputes/${id}/events`, { type: 'SOLUTION_PROPOSED', solution: 'resend' });
    assert.deepEqual((await svc.api.get(`/api/disputes/${id}/events/verify`)).body, {
      ok: true,
      entries: 3,
      head: (await svc.api.get(`/api/disputes/${id}/events`)).body.items[2].hash,
    });

    // Someone with database access lifts the append-only guard and rewrites what the seller said.
    await raw.exec({
      sqlite: `DROP TRIGGER dispute_events_append_only_u;
        UPDATE dispute_events SET payload = '{"message":"We refuse"}' WHERE dispute_id = '${id}' AND seq = 2;`,
      postgres: `ALTER TABLE dispute_events DISABLE TRIGGER USER;
        UPDATE dispute_events SET payload = '{"message":"We refuse"}' WHERE dispute_id = '${id}' AND seq = 2;`,
    });
    const verdict = (await svc.api.get(`/api/disputes/${id}/events/verify`)).body;
    assert.deepEqual({ ok: verdict.ok, brokenAt: verdict.brokenAt, reason: verdict.reason }, { ok: false, brokenAt: 2, reason: 'hash_mismatch' });

    const cli = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'verify', '--data-dir', svc.dataDir], {
      env: { ...process.env, DATABASE_URL: svc.databaseUrl ?? '', LOG_LEVEL: 'silent' },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, new RegExp(`BROKEN ${id}: entry 2 \\(hash_mismatch\\)`));
  } finally {
    await raw.close();
    await svc.close();
  }
});
