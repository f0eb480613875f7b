import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { chatwootWebhook, deliver, eventually, freshdeskWebhook, helpdeskReceiver, helpdeskService, ticketFields, zendeskWebhook } from '../helpers/helpdesk.ts';
import { rawSql } from '../helpers/raw-sql.ts';

/** What the receiver answers next (then 200); tests push onto it before they deliver. */
const answers: Array<{ status: number; headers?: Record<string, string> }> = [];
let receiver: Awaited<ReturnType<typeof helpdeskReceiver>>;
let svc: Awaited<ReturnType<typeof helpdeskService>>;
let sql: Awaited<ReturnType<typeof rawSql>>;

before(async () => {
  receiver = await helpdeskReceiver(answers);
  svc = await helpdeskService(receiver.url);
  sql = await rawSql(svc);
});
after(async () => {
  await sql.close();
  await svc.close();
  await receiver.close();
});

const PENDING_NOTES = "SELECT count(*) AS n FROM jobs WHERE kind = 'helpdesk.note' AND done_at IS NULL";
/** Every queued note settled: delivered or given up (the job is done either way). */
const notesSettled = () =>
  eventually(async () => Number((await sql.one<{ n: number | string }>({ sqlite: PENDING_NOTES, postgres: PENDING_NOTES }))?.n) === 0, 'every helpdesk.note job done');
const to = (path: string) => receiver.received.filter((r) => r.path === path);

test('a helpdesk that fails (503), then asks to wait (429 Retry-After), then accepts gets the note once, resent unchanged', async () => {
  answers.push({ status: 503 }, { status: 429, headers: { 'retry-after': '0' } });
  assert.equal((await deliver(svc.url, freshdeskWebhook(7001, ticketFields('RETRY-1')))).status, 202);
  const path = '/api/v2/tickets/7001/notes';
  await receiver.waitFor(() => to(path).length === 3, 'the third attempt');
  await notesSettled();
  const attempts = to(path);
  assert.equal(attempts.length, 3, 'two failures, one success, nothing after it');
  assert.equal(attempts[1]!.text, attempts[0]!.text);
  assert.equal(attempts[2]!.text, attempts[0]!.text);
});

test('a helpdesk that refuses the note (404) is not asked again', async () => {
  answers.push({ status: 404 });
  assert.equal((await deliver(svc.url, zendeskWebhook(7002, ticketFields('GIVEUP-1')))).status, 202);
  await receiver.waitFor((r) => r.path === '/api/v2/tickets/7002.json', 'the refused note');
  await notesSettled();
  assert.equal(to('/api/v2/tickets/7002.json').length, 1);
});

test('a linked ticket hears of later changes; notes link the evidence and its proof frames, never carry the video', async () => {
  const fx = await ensureFixtures();
  const path = '/api/v1/accounts/9/conversations/7003/messages';
  assert.equal((await deliver(svc.url, chatwootWebhook(7003, 9, ticketFields('VIDEO-1')))).status, 202);
  const first = await receiver.waitFor((r) => r.path === path, 'the first note');
  const disputeId = /\/api\/disputes\/(dsp_[0-9a-f]+)/.exec(first.body.content)?.[1];
  assert.ok(disputeId);

  const integration = await svc.as('integration');
  const auth = { authorization: `Bearer ${integration.token}` };
  const video = await readFile(fx.video20);
  const up = await uploadEvidence(svc.url, disputeId, 'packing_video', video, {}, 'pack.mp4', auth);
  assert.equal(up.status, 202);
  const evidence = await settledEvidence(svc.url, up.body.id, 120, auth);
  const verdict = `${evidence.status}:`;
  const note = await receiver.waitFor((r) => r.path === path && r.body.content.includes(`Evidence packing\\_video**: ${verdict}`), 'a note with the checked video');

  assert.ok(note.body.content.includes(`(<https://disputes.example.test/api/evidence/${up.body.id}>)`), 'the evidence is linked');
  const frames: string[] = evidence.report.checks.flatMap((c: { proof?: Array<{ image?: string }> }) => (c.proof ?? []).flatMap((p) => (p.image ? [p.image] : [])));
  for (const image of frames) assert.ok(note.body.content.includes(`/api/evidence/${up.body.id}/proof/${encodeURIComponent(image)}`), `proof frame ${image} is linked`);
  for (const c of evidence.report.checks as Array<{ id: string; status: string }>) assert.ok(note.body.content.includes(`${c.id} ${c.status}`.replaceAll('_', '\\_')), `check ${c.id} is reported`);
  for (const r of to(path)) {
    assert.ok(!r.text.includes('/file'), 'no note links the file itself');
    assert.ok(r.text.length < video.length / 10, `a note is text (${r.text.length} B), not the ${video.length} B video`);
    assert.ok(!r.text.includes(video.subarray(0, 48).toString('base64')), 'no note carries the video bytes');
  }
});
