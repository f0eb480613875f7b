import type { z } from 'zod';
import { ROLES, type Role } from '../../auth/caller.ts';
import { can, EVENT_ROLES, type Capability } from '../../auth/permissions.ts';
import type { ErrorCode } from '../../domain/errors.ts';
import type { HttpMethod } from '../route-list.ts';
import type { JsonSchema } from './json-schema.ts';

/** A JSON request body: the zod schema the route parses, and examples that must pass it. */
export interface JsonBody {
  kind: 'json';
  schema: z.ZodType;
  examples: Record<string, { summary: string; value: unknown }>;
}

/** A multipart upload: the zod schema of the form fields and the name of the file part. */
export interface MultipartBody {
  kind: 'multipart';
  fields: z.ZodObject;
  file: string;
}

/** A raw byte body (a tus PATCH): its one media type. */
export interface BinaryBody {
  kind: 'binary';
  contentType: string;
}

/** A request or response header an operation reads or sets (the tus protocol's). */
export interface HeaderSpec {
  description: string;
  schema: JsonSchema;
  /** Request headers: must the client send it? */
  required?: boolean;
}

/**
 * One operation of the document: adding a route is one of these in `operations.ts`. Path
 * parameters are named in `path` (`{id}`) and typed by `params`; `errors` are the codes this
 * operation answers beyond those every operation of its kind answers (see `problems.ts`).
 */
export interface OperationSpec {
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Who may call: `public` (no key) or the roles whose keys may. */
  access: 'public' | readonly Role[];
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: JsonBody | MultipartBody | BinaryBody;
  /** Request headers beyond Authorization and Idempotency-Key. */
  headers?: Record<string, HeaderSpec>;
  /** Idempotency-Key accepted (every POST under /api). */
  idempotent?: boolean;
  success: { status: number; description: string; contentType?: string; schema?: JsonSchema; headers?: Record<string, HeaderSpec> };
  errors: readonly ErrorCode[];
}

/** The roles whose keys have `capability` (read from the permissions table through `can`). */
export function rolesWith(capability: Capability): Role[] {
  return ROLES.filter((role) => can({ keyId: 'openapi', role, sellerId: null }, capability));
}

/** The roles that may send at least one client event. */
export function eventSenders(): Role[] {
  const senders = new Set(Object.values(EVENT_ROLES).flat());
  return ROLES.filter((r) => senders.has(r));
}
