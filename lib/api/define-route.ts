import type { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import type { Runtime } from '@/lib/platform/runtime';
import type { RoutePolicy } from '@/lib/policy/route-policy';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request body the handler reads itself (multipart upload, CSV, XML, a signed ingest body). */
export interface RawBody {
  contentTypes: readonly string[];
  /** For the OpenAPI document only: the shape the handler validates. */
  schema?: z.ZodType;
  description?: string;
}

export interface RouteResponse {
  /** Status of a plain (non-Response) result. Default 200. */
  status?: number;
  description?: string;
  schema?: z.ZodType;
  /** Non-JSON answers (a ZIP, a playlist, CSV, a redirect): the handler returns a Response. */
  contentType?: string;
}

export interface RouteContext<P extends RoutePolicy, Q, B> {
  req: Request;
  rt: Runtime;
  /** The client address (server.ts sets it from the socket or the trusted proxy). */
  ip: string | null;
  /** The signed-in user, allowed by the policy; null for public, source-key and token routes. */
  user: P extends { kind: 'session' } ? SessionUser : null;
  /** Path parameters: `[id]` → string, `[...path]` → string[]. */
  params: Record<string, string> & { rest: string[] };
  query: Q;
  body: B;
}

export interface RouteDecl<P extends RoutePolicy = RoutePolicy, Q = undefined, B = undefined> {
  method: HttpMethod;
  /** App Router style: `/api/incidents/[id]`, `/api/cameras/[id]/stream/[...path]`. */
  path: string;
  /** Unique, camelCase: the OpenAPI operationId. */
  operationId: string;
  summary: string;
  description?: string;
  policy: P;
  /** Query string, parsed from its key/value pairs (repeated keys: the last one wins). 400 names the field. */
  query?: z.ZodType<Q>;
  /**
   * A query the handler reads itself, for the OpenAPI document only (search: the purpose is checked and audited
   * before anything else of the query is read).
   */
  queryDoc?: z.ZodType;
  /** JSON body, read up to `bodyLimit` bytes (default 64 KiB) and parsed; 400 names each bad field, 413 too large. */
  body?: z.ZodType<B>;
  bodyLimit?: number;
  /** Parse the body only when the request has one (a bare POST stays valid). */
  bodyOptional?: boolean;
  rawBody?: RawBody;
  /** Request headers the route reads (for the OpenAPI document), e.g. a request signature. */
  headers?: readonly { name: string; description: string; required?: boolean }[];
  response?: RouteResponse;
  /** Error answers besides the ones the policy implies, for the OpenAPI document. */
  errors?: readonly number[];
  /** A route-specific error answer (e.g. an expired share link's page); undefined → the standard mapping. */
  onError?: (err: unknown) => Response | undefined;
  handle: (ctx: RouteContext<P, Q, B>) => Promise<unknown>;
}

/** Any declared route, as the registry, dispatcher, matrix test and OpenAPI builder see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDecl<RoutePolicy, any, any>;

/**
 * Declare one HTTP route: policy, input schemas and handler together. The declaration is the only place the
 * route exists: app/api/registry.ts lists it, the dispatcher serves it, the matrix test and OpenAPI read it.
 */
export function defineRoute<P extends RoutePolicy, Q = undefined, B = undefined>(decl: RouteDecl<P, Q, B>): RouteDecl<P, Q, B> {
  return decl;
}
