/**
 * Issue 9, tried as a hostile client would, over real HTTP: every case answers the status and
 * stable problem+json `code` it should (or, where Node's own parser answers before the app,
 * Node's status: README "Errors Node answers itself"), the server stays up, and nothing is
 * stored (dispute count, and the log and preview timeline of every dispute the cases aim at).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { gzipSync, deflateSync } from 'node:zlib';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { send, sendBytes, type RawReply } from '../helpers/raw-http.ts';
import { testService } from '../helpers/service.ts';

let svc: Awaited<ReturnType<typeof testService>>;
/** A dispute awaiting the seller (proposals), one in arbitration (decisions), one evidence file. */
let ref = '';
let arb = '';
let evidenceId = '';
let evidenceBytes = 0;

const json = (body: unknown, headers: Record<string, string> = {}) => ({ headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => send(svc.url, { method: 'POST', path, ...json(body, headers) });
const get = (path: string, headers: Record<string, string> = {}) => send(svc.url, { method: 'GET', path, headers });

before(async () => {
  const fx = await ensureFixtures();
  svc = await testService();
  ref = (await post('/api/disputes', disputeBody())).json.id;
  arb = (await post('/api/disputes', disputeBody())).json.id;
  assert.equal((await post(`/api/disputes/${arb}/events`, { type: 'SOLUTION_PROPOSED', solution: 'resend' })).status, 200);
  assert.equal((await post(`/api/disputes/${arb}/events`, { type: 'ESCALATED', by: 'buyer' })).status, 200);
  const bytes = readFileSync(fx.pdf);
  const up = await uploadEvidence(svc.url, ref, 'carrier_letter', bytes, {}, 'letter.pdf');
  assert.equal(up.status, 202, JSON.stringify(up.body));
  evidenceId = up.body.id;
  evidenceBytes = bytes.length;
  await settledEvidence(svc.url, evidenceId); // its report enters the dispute's log: before the cases count it
});
after(() => svc.close());

/** What must not change: how many disputes, and the log and previews of the ones the cases aim at. */
async function stored(): Promise<string> {
  const count = (await get('/api/disputes?limit=200')).json.items.length;
  const lengths = await Promise.all(
    [ref, arb].flatMap((id) => [`/api/disputes/${id}/events?limit=500`, `/api/disputes/${id}/previews?limit=500`]).map(async (p) => (await get(p)).json.items.length),
  );
  return JSON.stringify({ count, lengths, evidence: (await get(`/api/disputes/${ref}/evidence`)).json.items.length });
}

interface Case {
  name: string;
  send: () => Promise<RawReply>;
  status: number;
  /** The problem+json code; null where Node's HTTP parser answers before the app. */
  code: string | null;
  /** The first JSON pointer of REQUEST.INVALID's errors, when it matters. */
  pointer?: string;
}
const cases: Case[] = [];
const add = (c: Case) => cases.push(c);

// ── 1. Charsets, encodings and bodies that do not decode ────────────────────────────────
const targets = [
  { name: 'open', path: () => '/api/disputes', body: () => disputeBody() },
  { name: 'event', path: () => `/api/disputes/${ref}/events`, body: () => ({ type: 'SELLER_RESPONDED' }) },
];
for (const t of targets) {
  for (const charset of ['latin1', 'iso-8859-1', 'us-ascii', 'windows-1252', 'shift_jis', 'koi8-r', 'utf-16', 'utf-16le', 'utf-32', 'bogus']) {
    add({ name: `${t.name}: charset=${charset}`, status: 415, code: 'REQUEST.UNSUPPORTED_CHARSET', send: () => post(t.path(), t.body(), { 'content-type': `application/json; charset=${charset}` }) });
  }
  for (const encoding of ['x-foo', 'compress', 'x-gzip', 'gzip, deflate', 'pack200-gzip', 'exi']) {
    add({ name: `${t.name}: Content-Encoding ${encoding}`, status: 415, code: 'REQUEST.UNSUPPORTED_ENCODING', send: () => post(t.path(), t.body(), { 'content-encoding': encoding }) });
  }
  for (const encoding of ['gzip', 'deflate', 'br']) {
    add({ name: `${t.name}: Content-Encoding ${encoding} on a plain body`, status: 400, code: 'REQUEST.MALFORMED_BODY', send: () => post(t.path(), t.body(), { 'content-encoding': encoding }) });
  }
  const zipped = (body: unknown) => gzipSync(JSON.stringify(body));
  add({ name: `${t.name}: truncated gzip`, status: 400, code: 'REQUEST.MALFORMED_BODY', send: () => send(svc.url, { method: 'POST', path: t.path(), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: zipped(t.body()).subarray(0, 20) }) });
  add({ name: `${t.name}: truncated deflate`, status: 400, code: 'REQUEST.MALFORMED_BODY', send: () => send(svc.url, { method: 'POST', path: t.path(), headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }, body: deflateSync(JSON.stringify(t.body())).subarray(0, 12) }) });
  add({ name: `${t.name}: gzip of broken JSON`, status: 400, code: 'REQUEST.MALFORMED_JSON', send: () => send(svc.url, { method: 'POST', path: t.path(), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{"type":') }) });
  add({ name: `${t.name}: gzip of a 40-deep body (bounds apply after decoding)`, status: 400, code: 'REQUEST.TOO_DEEP', send: () => send(svc.url, { method: 'POST', path: t.path(), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('['.repeat(40) + ']'.repeat(40)) }) });
}

// ── 2. Paths with invalid percent-encoding (the router's URIError) ───────────────────────
const badEscapes = ['%ff%fe', '%', '%zz', '%c0%af', '%e0%80', '%ed%a0%80', '%f0%90%80', '%80'];
const pathTemplates: Array<[string, (x: string) => string]> = [
  ['GET', (x) => `/api/disputes/${x}`],
  ['GET', (x) => `/api/disputes/${x}/events`],
  ['GET', (x) => `/api/disputes/${x}/events/verify`],
  ['GET', (x) => `/api/disputes/${x}/verdict-preview`],
  ['GET', (x) => `/api/disputes/${x}/previews`],
  ['GET', (x) => `/api/disputes/${x}/evidence`],
  ['POST', (x) => `/api/disputes/${x}/events`],
  ['GET', (x) => `/api/evidence/${x}`],
  ['GET', (x) => `/api/evidence/${x}/file`],
];
for (const x of badEscapes) {
  for (const [method, path] of pathTemplates) {
    add({ name: `${method} ${path(x)}`, status: 400, code: 'REQUEST.BAD_PATH', send: () => (method === 'GET' ? get(path(x)) : post(path(x), { type: 'SELLER_RESPONDED' })) });
  }
  add({ name: `GET proof named ${x}`, status: 400, code: 'REQUEST.BAD_PATH', send: () => get(`/api/evidence/${evidenceId}/proof/${x}`) });
}

// ── 3. What Node's own parser answers before the app (documented in the README) ─────────
const nodeAnswers: Array<[string, string | (() => string), number]> = [
  ['a request line that is not HTTP', 'GARBAGE\r\n\r\n', 400],
  ['a method alone', 'GET\r\n\r\n', 400],
  ['a space inside the path', 'GET /api/dis putes HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['a header line without a colon', 'GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 400],
  ['a NUL in a header value', 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n', 400],
  ['Content-Length that is not a number', 'POST /api/disputes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}', 400],
  ['both Content-Length and Transfer-Encoding', 'POST /api/disputes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
  ['headers larger than 16 KiB', () => `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ['64 KiB of cookies', () => `GET /api/disputes HTTP/1.1\r\nHost: x\r\nCookie: ${'c=1; '.repeat(13_000)}\r\n\r\n`, 431],
];
for (const [name, bytes, status] of nodeAnswers) {
  add({ name: `raw: ${name}`, status, code: null, send: () => sendBytes(svc.url, typeof bytes === 'string' ? bytes : bytes()) });
}

// ── 4. Depth and key bounds, before anything walks the body ─────────────────────────────
const nestedArrays = (n: number) => '['.repeat(n) + ']'.repeat(n);
const nestedObjects = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const manyKeys = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));
for (const t of targets) {
  for (const withKey of [false, true]) {
    const headers = (): Record<string, string> => (withKey ? { 'idempotency-key': `deep-${Math.random().toString(36).slice(2)}` } : {});
    for (const n of [33, 100, 1_000, 10_000, 100_000]) {
      add({ name: `${t.name}: arrays ${n} deep${withKey ? ' with Idempotency-Key' : ''}`, status: 400, code: 'REQUEST.TOO_DEEP', send: () => post(t.path(), nestedArrays(n), headers()) });
    }
    for (const n of [33, 100, 1_000, 10_000]) {
      add({ name: `${t.name}: objects ${n} deep${withKey ? ' with Idempotency-Key' : ''}`, status: 400, code: 'REQUEST.TOO_DEEP', send: () => post(t.path(), nestedObjects(n), headers()) });
    }
    add({ name: `${t.name}: 1,001 keys${withKey ? ' with Idempotency-Key' : ''}`, status: 400, code: 'REQUEST.TOO_MANY_KEYS', send: () => post(t.path(), manyKeys(1_001), headers()) });
  }
  add({ name: `${t.name}: a claim nested 40 deep`, status: 400, code: 'REQUEST.TOO_DEEP', send: () => post(t.path(), `{"claim":${nestedArrays(40)}}`) });
  add({ name: `${t.name}: 32 deep passes the bound and meets the schema`, status: 400, code: 'REQUEST.INVALID', send: () => post(t.path(), nestedArrays(32)) });
}

// ── 5. Idempotency keys ─────────────────────────────────────────────────────────────────
const badKeys: Array<[string, string]> = [
  ['empty', ''],
  ['256 characters', 'k'.repeat(256)],
  ['1,000 characters', 'k'.repeat(1_000)],
  ['a latin-1 byte', 'cl\u00e9'],
  ['a tab inside', 'a\tb'],
  ['UTF-8 bytes of an emoji', Buffer.from('key-\u{1F600}').toString('latin1')],
];
for (const t of targets) {
  for (const [name, key] of badKeys) {
    add({ name: `${t.name}: Idempotency-Key ${name}`, status: 400, code: 'REQUEST.INVALID', pointer: '/headers/idempotency-key', send: () => post(t.path(), t.body(), { 'idempotency-key': key }) });
  }
}

// ── 6. Money in the order ───────────────────────────────────────────────────────────────
const withAmount = (amount: unknown) => {
  const b = disputeBody() as any;
  b.order.amount = amount;
  return b;
};
for (const value of ['0', '0.00', '-1.00', '1e3', '01.00', '64.9000', ' 64.90', '64,90', '', 'NaN', 'Infinity', '1234567890123.00', '64.901', '0x40']) {
  add({ name: `order amount "${value}" USD`, status: 400, code: 'REQUEST.INVALID', pointer: '/order/amount/value', send: () => post('/api/disputes', withAmount({ value, currency: 'USD' })) });
}
for (const currency of ['XXX', 'ZZZ', 'XTS', 'XAU', 'XDR', 'BOV', 'usd', 'US', 'USDD', '', 'EU R', '\u0055SD\u200B']) {
  add({ name: `order currency "${currency}"`, status: 400, code: 'REQUEST.INVALID', pointer: '/order/amount/currency', send: () => post('/api/disputes', withAmount({ value: '64.90', currency })) });
}
for (const [value, currency] of [['1500.5', 'JPY'], ['1500.00', 'JPY'], ['1.2345', 'KWD'], ['0.0001', 'BHD'], ['10.5', 'CLP'], ['12.345', 'EUR']]) {
  add({ name: `order amount ${value} ${currency} (minor units)`, status: 400, code: 'REQUEST.INVALID', pointer: '/order/amount/value', send: () => post('/api/disputes', withAmount({ value, currency })) });
}
for (const amount of [64.9, null, {}, '64.90 USD']) {
  add({ name: `order amount ${JSON.stringify(amount)}`, status: 400, code: 'REQUEST.INVALID', send: () => post('/api/disputes', withAmount(amount)) });
}

// ── 7. Amounts of proposals and arbitration decisions (order: 64.90 USD) ────────────────
const usd = (value: string) => ({ value, currency: 'USD' });
const badPartials: Array<[string, object, string]> = [
  ['0', usd('0'), '/amount'],
  ['0.00', usd('0.00'), '/amount'],
  ['the whole order', usd('64.90'), '/amount'],
  ['more than the order', usd('64.91'), '/amount'],
  ['999999999999.99', usd('999999999999.99'), '/amount'],
  ['100', usd('100'), '/amount'],
  ['in EUR', { value: '10.00', currency: 'EUR' }, '/amount'],
  ['in JPY', { value: '10', currency: 'JPY' }, '/amount'],
  ['in XXX', { value: '10.00', currency: 'XXX' }, '/amount/currency'],
  ['three decimals', usd('10.001'), '/amount/value'],
];
for (const [name, amount, pointer] of badPartials) {
  add({ name: `partial refund ${name}`, status: 400, code: 'REQUEST.INVALID', pointer, send: () => post(`/api/disputes/${ref}/events`, { type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount }) });
  add({ name: `arbitration split ${name}`, status: 400, code: 'REQUEST.INVALID', pointer, send: () => post(`/api/disputes/${arb}/events`, { type: 'ARBITRATION_DECIDED', favour: 'split', remedy: 'partial_refund', amount }) });
}
const badDecisions: Array<[string, object, string]> = [
  ['a partial refund without amount', { type: 'SOLUTION_PROPOSED', solution: 'partial_refund' }, '/amount'],
  ['a refund with an amount', { type: 'SOLUTION_PROPOSED', solution: 'refund', amount: usd('64.90') }, '/amount'],
  ['a resend with an amount', { type: 'SOLUTION_PROPOSED', solution: 'resend', amount: usd('5.00') }, '/amount'],
  ['seller wins, amount 500', { type: 'ARBITRATION_DECIDED', favour: 'seller', remedy: 'none', amount: usd('500') }, '/amount'],
  ['buyer full refund of 999999999999.99', { type: 'ARBITRATION_DECIDED', favour: 'buyer', remedy: 'full_refund', amount: usd('999999999999.99') }, '/amount'],
  ['buyer full refund echoing the order amount', { type: 'ARBITRATION_DECIDED', favour: 'buyer', remedy: 'full_refund', amount: usd('64.90') }, '/amount'],
  ['buyer resend with an amount', { type: 'ARBITRATION_DECIDED', favour: 'buyer', remedy: 'resend', amount: usd('1.00') }, '/amount'],
  ['a split without amount', { type: 'ARBITRATION_DECIDED', favour: 'split', remedy: 'partial_refund' }, '/amount'],
  ['seller wins with a full refund', { type: 'ARBITRATION_DECIDED', favour: 'seller', remedy: 'full_refund' }, '/remedy'],
  ['buyer wins with none', { type: 'ARBITRATION_DECIDED', favour: 'buyer', remedy: 'none' }, '/remedy'],
  ['a split with a full refund', { type: 'ARBITRATION_DECIDED', favour: 'split', remedy: 'full_refund', amount: usd('10.00') }, '/remedy'],
  ['a negative split', { type: 'ARBITRATION_DECIDED', favour: 'split', remedy: 'partial_refund', amount: usd('-5.00') }, '/amount/value'],
];
for (const [name, event, pointer] of badDecisions) {
  const target = (event as { type: string }).type === 'ARBITRATION_DECIDED' ? () => arb : () => ref;
  add({ name, status: 400, code: 'REQUEST.INVALID', pointer, send: () => post(`/api/disputes/${target()}/events`, event) });
}

// ── 8. Ids and names: printable, no control, bidi or zero-width characters, not blank ───
const fields: Array<[string, (b: any, v: string) => void]> = [
  ['/sellerId', (b, v) => (b.sellerId = v)],
  ['/externalId', (b, v) => (b.externalId = v)],
  ['/order/orderId', (b, v) => (b.order.orderId = v)],
  ['/order/category', (b, v) => (b.order.category = v)],
  ['/order/items/0/sku', (b, v) => (b.order.items[0].sku = v)],
  ['/order/items/0/title', (b, v) => (b.order.items[0].title = v)],
  ['/order/shipment/trackingNumber', (b, v) => (b.order.shipment.trackingNumber = v)],
  ['/order/shipment/carrier', (b, v) => (b.order.shipment.carrier = v)],
  ['/order/shipment/line/name', (b, v) => (b.order.shipment.line.name = v)],
  ['/order/shipment/deliveryProof/signerName', (b, v) => (b.order.shipment.deliveryProof.signerName = v)],
];
const badTexts: Array<[string, string]> = [
  ['NUL', 'sell\u0000er-1'],
  ['CR', 'sell\rer-1'],
  ['LF', 'sell\ner-1'],
  ['CR/LF', 'sell\r\ner-1'],
  ['a tab', 'sell\ter-1'],
  ['DEL', 'sell\u007fer-1'],
  ['NEL (C1)', 'sell\u0085er-1'],
  ['RTL override', 'sell\u202Eer-1'],
  ['LTR override', 'sell\u202Der-1'],
  ['RTL isolate', 'sell\u2067er-1\u2069'],
  ['LTR mark', 'sell\u200Eer-1'],
  ['Arabic letter mark', 'sell\u061Cer-1'],
  ['zero-width space', 'sell\u200Ber-1'],
  ['zero-width joiner', 'sell\u200Der-1'],
  ['word joiner', 'sell\u2060er-1'],
  ['a BOM inside', 'sell\uFEFFer-1'],
  ['only spaces', '     '],
  ['a lone surrogate', 'sell\uD800er-1'],
];
for (const [pointer, set] of fields) {
  for (const [name, value] of badTexts) {
    add({
      name: `${pointer} with ${name}`,
      status: 400,
      code: 'REQUEST.INVALID',
      pointer,
      send: () => {
        const b = disputeBody() as any;
        set(b, value);
        return post('/api/disputes', b);
      },
    });
  }
}
for (const [name, value] of badTexts.slice(0, 6)) {
  add({
    name: `TRACKING_UPDATED signer with ${name}`,
    status: 400,
    code: 'REQUEST.INVALID',
    pointer: '/tracking/deliveryProof/signerName',
    send: () => post(`/api/disputes/${ref}/events`, { type: 'TRACKING_UPDATED', tracking: { status: 'delivered', deliveryProof: { signerName: value } } }),
  });
}

// ── 9. openedAt: not in the future beyond 5 minutes, not before the shipment ────────────
const openedAt = (at: () => unknown) => () => post('/api/disputes', disputeBody({ openedAt: at() }));
for (const [name, at, status] of [
  ['in 2999', () => '2999-01-01T00:00:00Z', 400],
  ['an hour ahead', () => new Date(Date.now() + 3_600_000).toISOString(), 400],
  ['ten minutes ahead', () => new Date(Date.now() + 600_000).toISOString(), 400],
  ['before the order shipped', () => '2026-10-31T00:00:00Z', 400],
  ['a minute before it shipped', () => '2026-11-01T09:59:00Z', 400],
] as const) {
  add({ name: `openedAt ${name}`, status, code: 'REQUEST.INVALID', pointer: '/openedAt', send: openedAt(at) });
}
for (const [name, at] of [['"yesterday"', () => 'yesterday'], ['month 13', () => '2026-13-01T00:00:00Z'], ['a number', () => 1_700_000_000_000], ['without a zone', () => '2026-11-20T08:00:00']] as const) {
  add({ name: `openedAt ${name}`, status: 400, code: 'REQUEST.INVALID', pointer: '/openedAt', send: openedAt(at) });
}

// ── 10. Ranges the file cannot satisfy ──────────────────────────────────────────────────
for (const range of ['bytes=999999999-', 'bytes=5-1', () => `bytes=${evidenceBytes}-`, 'bytes=-0', () => `bytes=${evidenceBytes + 10}-${evidenceBytes + 20}`]) {
  const header = () => (typeof range === 'string' ? range : range());
  add({ name: `Range ${typeof range === 'string' ? range : 'past the end'}`, status: 416, code: 'EVIDENCE.RANGE_NOT_SATISFIABLE', send: () => get(`/api/evidence/${evidenceId}/file`, { range: header() }) });
}

// ── 11. Pages: limit 1..500 and only cursors this API gave out ──────────────────────────
const lists = [() => `/api/disputes/${ref}/events`, () => `/api/disputes/${ref}/previews`, () => `/api/disputes/${ref}/evidence`];
const badPageQueries = ['limit=0', 'limit=501', 'limit=-1', 'limit=abc', 'limit=1.5', 'cursor=garbage', `cursor=${Buffer.from('{"seq":-1}').toString('base64url')}`, `cursor=${Buffer.from('{"id":"dsp_x"}').toString('base64url')}`, 'foo=1'];
for (const list of lists) {
  for (const q of badPageQueries) {
    add({ name: `${list().replace(ref, ':id')}?${q}`, status: 400, code: 'REQUEST.INVALID', send: () => get(`${list()}?${q}`) });
  }
}

test(`the bad-input table has at least 300 cases (${cases.length})`, () => {
  assert.ok(cases.length >= 300, `${cases.length} cases`);
});

test('every bad input answers its status and code, the server stays up, and nothing is stored', async () => {
  const before = await stored();
  for (const c of cases) {
    const res = await c.send();
    assert.equal(res.status, c.status, `${c.name}: ${res.text.slice(0, 300)}`);
    if (c.code !== null) {
      assert.match(res.contentType, /^application\/problem\+json/, c.name);
      assert.equal(res.json?.code, c.code, `${c.name}: ${res.text.slice(0, 300)}`);
      assert.equal(res.json.status, c.status, c.name);
      if (c.pointer) assert.equal(res.json.errors?.[0]?.pointer, c.pointer, `${c.name}: ${res.text.slice(0, 300)}`);
    }
    assert.equal((await get('/healthz')).status, 200, `${c.name}: server down`);
    assert.equal(await stored(), before, `${c.name}: something was stored`);
  }
});
