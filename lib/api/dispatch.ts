import type { AnyRoute, HttpMethod } from './define-route';
import { serveRoute } from './serve-route';

type Segment = { kind: 'static'; text: string } | { kind: 'param'; name: string } | { kind: 'rest'; name: string };

interface Compiled {
  route: AnyRoute;
  segments: Segment[];
  /** Sort key: static segments before parameters before a catch-all, as the App Router ranks them. */
  rank: string;
}

function compile(route: AnyRoute): Compiled {
  const segments = route.path.split('/').filter(Boolean).map((s): Segment => {
    const rest = /^\[\.\.\.(\w+)\]$/.exec(s);
    if (rest) return { kind: 'rest', name: rest[1]! };
    const param = /^\[(\w+)\]$/.exec(s);
    if (param) return { kind: 'param', name: param[1]! };
    return { kind: 'static', text: s };
  });
  return { route, segments, rank: segments.map((s) => (s.kind === 'static' ? 'a' : s.kind === 'param' ? 'b' : 'c')).join('') };
}

export type Params = Record<string, string> & { rest: string[] };

/** Match a pathname against one compiled route; the parameters, or null. */
function match(c: Compiled, parts: string[]): Params | null {
  const params = { rest: [] as string[] } as Params;
  for (let i = 0; i < c.segments.length; i++) {
    const seg = c.segments[i]!;
    if (seg.kind === 'rest') {
      if (parts.length <= i) return null;
      params.rest = parts.slice(i);
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (seg.kind === 'static') {
      if (seg.text !== part) return null;
    } else params[seg.name] = part;
  }
  return parts.length === c.segments.length ? params : null;
}

function decodeParts(pathname: string): string[] | null {
  try {
    return pathname.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}

export interface Router {
  handle(req: Request): Promise<Response>;
  /** The route and parameters a method + path resolve to (tests, request logs). */
  resolve(method: string, pathname: string): { route: AnyRoute; params: Params } | null;
}

/** One router over the registry: the most specific matching route serves; 405 with Allow, or 404, otherwise. */
export function createRouter(routes: readonly AnyRoute[]): Router {
  const compiled = routes.map(compile).sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  const seen = new Set<string>();
  for (const c of compiled) {
    const key = `${c.route.method} ${c.route.path}`;
    if (seen.has(key)) throw new Error(`route declared twice: ${key}`);
    seen.add(key);
  }
  const find = (method: string, parts: string[]) => {
    const allowed = new Set<HttpMethod>();
    for (const c of compiled) {
      const params = match(c, parts);
      if (!params) continue;
      if (c.route.method === method) return { route: c.route, params, allowed };
      allowed.add(c.route.method);
    }
    return { route: null, params: null, allowed };
  };
  return {
    resolve(method, pathname) {
      const parts = decodeParts(pathname);
      if (!parts) return null;
      const hit = find(method.toUpperCase(), parts);
      return hit.route ? { route: hit.route, params: hit.params! } : null;
    },
    async handle(req) {
      const url = new URL(req.url);
      // A NUL byte has no place in any path or filter here, and PostgreSQL text cannot hold one: refuse it up front.
      if (/%00/i.test(url.pathname + url.search)) return Response.json({ error: 'NUL bytes are not accepted in the URL', code: 'BAD_REQUEST' }, { status: 400 });
      const parts = decodeParts(url.pathname);
      const method = req.method === 'HEAD' ? 'GET' : req.method.toUpperCase();
      if (!parts) return Response.json({ error: 'Malformed path', code: 'BAD_REQUEST' }, { status: 400 });
      const hit = find(method, parts);
      if (hit.route) return serveRoute(hit.route, req, hit.params!);
      if (hit.allowed.size) {
        return Response.json({ error: `Method ${req.method} not allowed`, code: 'METHOD_NOT_ALLOWED' }, { status: 405, headers: { allow: [...hit.allowed].join(', ') } });
      }
      return Response.json({ error: 'No such API route', code: 'NOT_FOUND' }, { status: 404 });
    },
  };
}
