import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * What a client may send for `schema`, as JSON Schema draft 2020-12 (OpenAPI 3.1's own dialect),
 * from zod 4's `z.toJSONSchema`: `io: 'input'` describes the body before transforms (an ISO
 * string, not the epoch milliseconds a route gets). Refinements zod cannot express (money
 * against the order, printable text) stay in zod; the document says so in prose.
 */
export function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return rest;
}
