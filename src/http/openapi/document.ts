import { z } from 'zod';
import { inputSchema, type JsonSchema } from './json-schema.ts';
import type { OperationSpec } from './operation.ts';
import { OPERATIONS } from './operations.ts';
import { PROBLEM_SCHEMA, problemResponses } from './problems.ts';
import { VIEW_SCHEMAS } from './views.schema.ts';
import { webhooksDocument } from './webhooks.ts';

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'A retry with the same key gets the first answer back; the same key with another body is 422 IDEMPOTENCY.KEY_REUSED. Scoped to the API key, the route and its params.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e](?:[\\x20-\\x7e]{0,253}[\\x21-\\x7e])?$' },
};

function parameters(op: OperationSpec): JsonSchema[] {
  const path = Object.entries(op.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema: inputSchema(schema) }));
  const shape = op.query?.shape ?? {};
  const query = Object.entries(shape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !(schema as z.ZodType).safeParse(undefined).success,
    schema: inputSchema(schema as z.ZodType),
  }));
  const headers = Object.entries(op.headers ?? {}).map(([name, h]) => ({ name, in: 'header', required: h.required ?? false, description: h.description, schema: h.schema }));
  return [...path, ...query, ...headers, ...(op.idempotent ? [IDEMPOTENCY_KEY] : [])];
}

function requestBody(op: OperationSpec): JsonSchema | undefined {
  const body = op.body;
  if (!body) return undefined;
  if (body.kind === 'binary') return { required: true, content: { [body.contentType]: { schema: { type: 'string', contentMediaType: body.contentType } } } };
  if (body.kind === 'json') {
    return { required: true, content: { 'application/json': { schema: inputSchema(body.schema), examples: body.examples } } };
  }
  const fields = inputSchema(body.fields) as { properties?: JsonSchema; required?: string[] };
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: [...(fields.required ?? []), body.file],
          properties: { ...fields.properties, [body.file]: { type: 'string', contentMediaType: 'application/octet-stream' } },
        },
        encoding: { [body.file]: { contentType: 'application/octet-stream' } },
      },
    },
  };
}

function operation(op: OperationSpec): JsonSchema {
  const roles = op.access === 'public' ? 'public: no key needed' : `roles: ${op.access.join(', ')}`;
  return {
    operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, `Who may call: ${roles}.`].filter(Boolean).join('\n\n'),
    'x-roles': op.access === 'public' ? [] : op.access,
    ...(op.access === 'public' ? { security: [] } : { security: [{ apiKey: [] }] }),
    parameters: parameters(op),
    ...(op.body ? { requestBody: requestBody(op) } : {}),
    responses: {
      [String(op.success.status)]: {
        description: op.success.description,
        ...(op.success.headers ? { headers: Object.fromEntries(Object.entries(op.success.headers).map(([name, h]) => [name, { description: h.description, schema: h.schema }])) } : {}),
        ...(op.success.schema ? { content: { [op.success.contentType ?? 'application/json']: { schema: op.success.schema } } } : {}),
      },
      ...problemResponses(op),
    },
  };
}

/** The OpenAPI 3.1 document of `operations` (all of them by default). */
export function buildOpenApiDocument(operations: readonly OperationSpec[] = OPERATIONS): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operation(op);
  return {
    openapi: '3.1.1',
    info: {
      title: 'Dispute evidence workflow',
      version: '0.1.0',
      description: 'Disputes of marketplace sellers: statechart, deadlines, evidence checks and a verdict preview. JSON under `/api`; every error is RFC 9457 `application/problem+json` with a stable `code`.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    paths,
    webhooks: webhooksDocument(),
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'dek_…', description: 'An API key: `Authorization: Bearer dek_…` (made with `npx dispute keys create`).' },
      },
      schemas: { Problem: PROBLEM_SCHEMA, ...VIEW_SCHEMAS },
    },
  };
}

let cached: string | undefined;

/** The document as JSON, built once per process. */
export function openApiJson(): string {
  return (cached ??= JSON.stringify(buildOpenApiDocument()));
}
