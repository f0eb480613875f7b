import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import type { Role } from '../../src/auth/caller.ts';
import { createApp } from '../../src/http/app.ts';
import { OPERATIONS } from '../../src/http/openapi/operations.ts';
import { routesOf } from '../../src/http/route-list.ts';
import { systemClock } from '../../src/workflow/clock.ts';
import { ensureFixtures, FIXTURES } from '../fixtures/make-fixtures.ts';
import { uploadEvidence } from '../helpers/evidence.ts';
import type { Reply } from '../helpers/http.ts';
import { testService } from '../helpers/service.ts';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, unknown>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string }>; schemas: { Problem: { properties: { code: { enum: string[] } } } } };
};
type Operation = {
  security?: unknown[];
  'x-roles': Role[];
  parameters: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: object; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { 'x-codes'?: string[]; content?: Record<string, { schema: object }> }>;
};

let svc: Awaited<ReturnType<typeof testService>>;
let doc: Doc;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));

/** A JSON pointer to `parts` of the document, for ajv's `$ref`. */
const at = (...parts: string[]) => 'openapi#/' + parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
function assertValid(pointer: string, value: unknown, what: string): void {
  const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
  assert.ok(validate(value), `${what}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
}

before(async () => {
  svc = await testService({ access: { auth: 'on', rateLimit: { limit: 1_000_000, windowMs: 60_000 } }, jobs: false });
  const res = await fetch(`${svc.url}/openapi.json`);
  assert.equal(res.status, 200);
  doc = (await res.json()) as Doc;
  ajv.addSchema(doc, 'openapi');
});
after(() => svc.close());

test('the document is valid OpenAPI 3.1, public, with a bearer scheme, security on every /api operation, and the webhooks', async () => {
  const v = new Validator();
  const res = await v.validate(structuredClone(doc));
  assert.equal(res.valid, true, JSON.stringify(res).slice(0, 2000));
  assert.equal(v.version, '3.1');
  assert.deepEqual(doc.components.securitySchemes.apiKey, { ...doc.components.securitySchemes.apiKey, type: 'http', scheme: 'bearer' });
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (path.startsWith('/api/')) {
        assert.deepEqual(op.security, [{ apiKey: [] }], `${method} ${path} needs a key`);
        assert.ok(op['x-roles'].length > 0, `${method} ${path} names its roles`);
      } else assert.deepEqual(op.security, [], `${method} ${path} is public`);
    }
  }
  const types = ['dispute.created', 'dispute.status_changed', 'dispute.deadline_approaching', 'dispute.resolved', 'evidence.checked', 'evidence.reviewed', 'verdict_preview.changed'];
  assert.deepEqual(Object.keys(doc.webhooks).sort(), [...types].sort());
});

test('every route the app answers is in the document, and every documented operation is a route', () => {
  const app = createApp({ workflow: svc.workflow, clock: systemClock, log: pino({ level: 'silent' }), evidence: { service: svc.evidenceService, storage: svc.storage, receive: svc.receive, resumable: svc.resumable }, webhooks: svc.webhookAdmin });
  const { routes, unlisted } = routesOf(app);
  assert.deepEqual(unlisted, [], 'routers mounted without listedRouter(): their routes cannot be compared with the document');
  const live = new Set(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
  const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
  assert.ok(live.size >= 13, `the app's routes were read (${[...live].join(', ')})`);
  assert.deepEqual([...live].filter((r) => !documented.has(r)), [], 'routes missing from the document');
  assert.deepEqual([...documented].filter((r) => !live.has(r)), [], 'documented operations the app does not have');
});

test('every ErrorCode is in the Problem enum, and every code an operation names is answered with its status', () => {
  const source = readFileSync(new URL('../../src/domain/errors.ts', import.meta.url), 'utf8');
  const union = /export type ErrorCode =([^;]+);/.exec(source)![1]!;
  const declared = [...union.matchAll(/'([A-Z_.]+)'/g)].map((m) => m[1]);
  assert.ok(declared.length > 20);
  assert.deepEqual([...doc.components.schemas.Problem.properties.code.enum].sort(), [...declared].sort());
  const statusOf = (doc.components.schemas.Problem.properties.code as unknown as { 'x-status': Record<string, number> })['x-status'];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const [status, r] of Object.entries(op.responses)) {
        for (const code of r['x-codes'] ?? []) assert.equal(String(statusOf[code]), status, `${method} ${path}: ${code} is not ${status}`);
      }
    }
  }
});

test('every documented example validates against the zod schema the route parses and the document\'s JSON Schema', () => {
  let examples = 0;
  for (const op of OPERATIONS) {
    if (op.body?.kind !== 'json') continue;
    for (const [name, ex] of Object.entries(op.body.examples)) {
      const zod = op.body.schema.safeParse(ex.value);
      assert.ok(zod.success, `${op.method} ${op.path} example ${name}: ${zod.error?.message}`);
      const media = doc.paths[op.path]![op.method]!.requestBody!.content['application/json']!;
      assert.deepEqual(media.examples?.[name]?.value, ex.value, 'the document carries the example');
      assertValid(at('paths', op.path, op.method, 'requestBody', 'content', 'application/json', 'schema'), ex.value, `${op.path} example ${name}`);
      examples++;
    }
  }
  assert.ok(examples >= 3);
  // The schemas are the routes' own: a body they refuse is refused by the document too.
  assert.equal(ajv.validate({ $ref: at('paths', '/api/disputes/{id}/events', 'post', 'requestBody', 'content', 'application/json', 'schema') }, { type: 'DEADLINE_PASSED' }), false);
});

/** Fills `{id}`-style params with real ids (or well-formed unknown ones). */
function concrete(path: string, ids: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[path.startsWith('/api/evidence') && name === 'id' ? 'evidenceId' : name] ?? 'x');
}

test('over real HTTP every operation answers its documented success or a documented problem, never ROUTE.NOT_FOUND; JSON answers match their schemas', async () => {
  await ensureFixtures();
  const integration = await svc.as('integration');
  const agent = await svc.as('agent');
  const fileBody = OPERATIONS.find((o) => o.method === 'post' && o.path === '/api/disputes')!.body;
  assert.equal(fileBody?.kind, 'json');
  const filed = await integration.post('/api/disputes', fileBody.kind === 'json' ? fileBody.examples.readme!.value : undefined);
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const upload = await uploadEvidence(svc.url, filed.body.id, 'label_photo', readFileSync(FIXTURES.cameraJpeg), {}, 'label.jpg', { authorization: `Bearer ${agent.token}` });
  assert.equal(upload.status, 202, JSON.stringify(upload.body));
  assertValid(at('paths', '/api/disputes/{id}/evidence', 'post', 'responses', '202', 'content', 'application/json', 'schema'), upload.body, 'upload answer');
  const ids = { id: filed.body.id as string, evidenceId: upload.body.id as string, name: 'none.jpg' };
  const clients = new Map<Role, typeof agent>();

  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const role = op['x-roles'][0];
      if (role && !clients.has(role)) clients.set(role, await svc.as(role));
      const headers: Record<string, string> = role ? { authorization: `Bearer ${clients.get(role)!.token}` } : {};
      const url = concrete(path, ids);
      // Reads as they are; writes with an event body (a refusal must still be a documented problem).
      const bodiless = method === 'get' || method === 'head';
      const res: Reply = await svc.api.call(method.toUpperCase(), url, bodiless ? undefined : { type: 'SELLER_RESPONDED' }, headers);
      const where = `${method.toUpperCase()} ${url} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      if (method === 'head') {
        // No body to read a code from: an unrouted HEAD is 404 ROUTE.NOT_FOUND, so a routed one must answer something else here.
        assert.ok(op.responses[String(res.status)], `undocumented status: ${where}`);
        assert.notEqual(res.status, 404, where);
        continue;
      }
      assert.notEqual((res.body as { code?: string })?.code, 'ROUTE.NOT_FOUND', where);
      const documented = op.responses[String(res.status)];
      assert.ok(documented, `undocumented status: ${where}`);
      if (res.status >= 400) {
        assert.ok(documented['x-codes']!.includes(res.body.code), `undocumented code: ${where}`);
        assertValid(at('components', 'schemas', 'Problem'), res.body, where);
      } else if (documented.content?.['application/json']) {
        assertValid(at('paths', path, method, 'responses', String(res.status), 'content', 'application/json', 'schema'), res.body, where);
      }
    }
  }
  // The same reads without a key: each /api operation answers its documented 401.
  const anonymous = await fetch(`${svc.url}/api/disputes/${ids.id}`);
  assert.equal(anonymous.status, 401);
  assert.ok(doc.paths['/api/disputes/{id}']!.get!.responses['401']!['x-codes']!.includes('AUTH.MISSING'));
});

test('/docs renders Swagger UI from files served here (no CDN, no inline script); / leads to the console, which links the docs, the document and health', async () => {
  const page = await fetch(`${svc.url}/docs`);
  assert.equal(page.status, 200);
  const csp = page.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/);
  const html = await page.text();
  assert.doesNotMatch(html, /<script>|<script [^>]*>[^<]+<\/script>/, 'no inline script');
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  assert.ok(assets.length >= 3);
  for (const a of assets) {
    assert.ok(a.startsWith('/'), `${a} is served from this origin`);
    const r = await fetch(svc.url + a);
    assert.equal(r.status, 200, a);
    assert.match(r.headers.get('content-type') ?? '', /javascript|css/, a);
    const body = await r.text();
    if (a.endsWith('init.js')) assert.match(body, /url: '\/openapi\.json'/);
    else assert.ok(body.length > 10_000, `${a} is Swagger UI's file`);
  }
  const front = await fetch(`${svc.url}/`, { redirect: 'manual' });
  assert.equal(front.status, 302);
  assert.equal(front.headers.get('location'), '/console');
  const signIn = await (await fetch(`${svc.url}/console/app/main.js`)).text();
  for (const l of ['/docs', '/openapi.json', '/healthz']) assert.ok(signIn.includes(`href="${l}"`), `the console's sign-in links ${l}`);
});
