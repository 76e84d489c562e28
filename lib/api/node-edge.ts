import type http from 'node:http';
import { createRouter } from './dispatch';
import { SESSION_COOKIE } from '@/lib/auth/session-user';
import { csrfBody, edgePolicy } from '@/lib/policy/edge-policy';

/**
 * Routes served ahead of Next.js straight from node's request (server.ts does so for the ingest routes,
 * lib/ingest/routes.ts, under `prefix`), by the same router and route wrapper as app/api/[...path]/route.ts and with
 * proxy.ts's policy (CSRF refusal, security headers): Next's request handling
 * (its router, the proxy's request copy with a buffered body, the route module's web-request plumbing) was about a
 * quarter of the ingest node's CPU per event in bench:ingest (A/B, 2026-12-04). Returns null when it does not serve the
 * request (not one of `routes`, or a method none of them has): Next.js answers that as before, 404/405 included.
 */
export function nodeEdge(routes: Parameters<typeof createRouter>[0], prefix: string): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | null {
  const router = createRouter(routes);
  return (req, res) => {
    const target = req.url ?? '';
    if (!target.startsWith(prefix)) return null;
    const q = target.indexOf('?');
    if (!router.resolve(req.method ?? '', q === -1 ? target : target.slice(0, q))) return null;
    const web = webRequest(req, target);
    if (!web) return null;
    return serve(router, web.request, web.discard, res);
  };
}

async function serve(router: ReturnType<typeof createRouter>, request: Request, discard: () => void, res: http.ServerResponse): Promise<void> {
  const { refusal, headers } = edgePolicy({ method: request.method, headers: request.headers, sessionCookie: hasCookie(request.headers.get('cookie'), SESSION_COOKIE) });
  let response: Response;
  try {
    response = refusal ? Response.json(csrfBody(refusal), { status: 403 }) : await router.handle(request);
  } finally {
    discard();
  }
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [k, v] of response.headers) if (k !== 'set-cookie') res.setHeader(k, v);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  // The policy's headers win over the route's, as in proxy.ts.
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('content-length', body.byteLength);
  res.end(body);
}

/** The node request as a web Request; null when its Host does not make a URL (Next.js answers it, as before). */
function webRequest(req: http.IncomingMessage, target: string): { request: Request; discard: () => void } | null {
  let url: URL;
  try {
    url = new URL(target, `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    return null;
  }
  // From the parsed headers, as Next.js builds its request (server.ts has set the client address and request id there).
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const one of v) headers.append(k, one);
    else if (v !== undefined) headers.set(k, v);
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return { request: new Request(url, { method, headers }), discard: () => req.resume() };
  const body = bodyStream(req);
  return { request: new Request(url, { method, headers, body: body.stream, duplex: 'half' } as RequestInit), discard: body.discard };
}

/**
 * The request body as a web stream, read as the route pulls it. `discard` (once the answer is ready) drops whatever
 * the route left unread, e.g. past its size limit: cancelling the stream does the same; neither destroys the socket,
 * so the 413 reaches the client and the connection stays usable, as when Next.js had read the body.
 */
function bodyStream(req: http.IncomingMessage): { stream: ReadableStream<Uint8Array>; discard: () => void } {
  let dropped = false;
  const discard = () => {
    dropped = true;
    req.resume();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (dropped) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once('end', () => {
        if (!dropped) controller.close();
      });
      req.once('error', (err) => {
        if (!dropped) controller.error(err);
      });
    },
    pull() {
      if (!dropped) req.resume();
    },
    cancel: discard,
  });
  return { stream, discard };
}

/** Whether the Cookie header names `name`, read as Next.js's request cookies read it (an undecodable value is absent). */
export function hasCookie(header: string | null, name: string): boolean {
  if (!header) return false;
  for (const pair of header.split(/; */)) {
    const at = pair.indexOf('=');
    if (at === -1) {
      if (pair === name) return true;
      continue;
    }
    if (pair.slice(0, at) !== name) continue;
    try {
      decodeURIComponent(pair.slice(at + 1));
      return true;
    } catch {
      // Next.js leaves an undecodable value out of its map; a later pair of the same name may still count.
    }
  }
  return false;
}
