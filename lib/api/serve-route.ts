import type { z } from 'zod';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { errorResponse } from '@/lib/platform/errors/error-response';
import { readJson } from '@/lib/platform/http/read-body';
import { clientIp } from '@/lib/platform/http/request-meta';
import { noteRequest } from '@/lib/platform/http/request-note';
import { runtime } from '@/lib/platform/runtime';
import { requireUser } from '@/lib/policy/require-user';
import type { AnyRoute, RouteContext } from './define-route';

const NO_STORE = { 'cache-control': 'no-store' } as const;
const DEFAULT_BODY_LIMIT = 64 * 1024;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(r.error, what);
  return r.data;
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) {
    // A NUL never belongs in a query value and PostgreSQL refuses it in text: a 400 here, not a 500 later.
    if (v.includes('\0') || k.includes('\0')) throw new AppError('BAD_REQUEST', `Query parameter ${k.replace(/\0/g, '')} contains a NUL character`, [{ path: k.replace(/\0/g, ''), message: 'NUL character' }]);
    // An empty form field means "not given": the schema's default applies.
    if (v !== '') out[k] = v;
  }
  return out;
}

const hasBody = (req: Request) => !!req.headers.get('content-type') || Number(req.headers.get('content-length') ?? 0) > 0;

/**
 * Serve one declared route: the policy (the one gate: session, role, MFA enrolment, deny audit row), then the
 * query and body parsed by their schemas, then the handler; every error mapped the same way.
 */
export async function serveRoute(route: AnyRoute, req: Request, params: RouteContext<never, unknown, unknown>['params']): Promise<Response> {
  try {
    const rt = runtime();
    noteRequest(rt, req, { route: route.path });
    const user = route.policy.kind === 'session' ? await requireUser(req, route.policy.action, {}, rt.pool) : null;
    if (user) noteRequest(rt, req, { userId: user.id });
    const url = new URL(req.url);
    const query = route.query ? parse(route.query, queryObject(url), 'query') : undefined;
    let body: unknown;
    if (route.body && (!route.bodyOptional || hasBody(req))) {
      body = parse(route.body, await readJson(req, route.bodyLimit ?? DEFAULT_BODY_LIMIT), 'request body');
    }
    const out = await route.handle({ req, rt, ip: clientIp(req.headers), user, params, query, body });
    noteRequest(rt, req, {}, out);
    if (out instanceof Response) return out;
    return Response.json(out ?? { ok: true }, { status: route.response?.status ?? 200, headers: NO_STORE });
  } catch (err) {
    return route.onError?.(err) ?? errorResponse(err);
  }
}
