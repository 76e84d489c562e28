import 'server-only';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { basemapPath } from './agency-basemap';

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` (one range: what the pmtiles client sends) → [start, end] inclusive. */
export function parseRange(header: string | null, size: number): [number, number] | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // several ranges or malformed: the whole file, as RFC 9110 allows
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return [start, end];
}

/**
 * GET /api/basemap/[file]: the user's own agency's street map, from the console's origin (the CSP's connect-src
 * 'self' is enough) with HTTP Range, as the pmtiles protocol reads it. Each upload has a new file name, so a
 * response can be cached for good.
 */
export async function serveAgencyBasemap(rt: Pick<Runtime, 'pool' | 'env'>, user: SessionUser, file: string, req: Request): Promise<Response> {
  const m = /^([0-9a-f-]{36})\.pmtiles$/.exec(file);
  const { rows } = m
    ? await rt.pool.query<{ size: string; sha256: string }>('SELECT size, sha256 FROM agency_basemap WHERE agency_id = $1 AND file_id = $2', [user.agencyId, m[1]])
    : { rows: [] };
  const row = rows[0];
  if (!m || !row) throw new AppError('NOT_FOUND', 'No such base map for your agency');
  const size = Number(row.size);
  const headers: Record<string, string> = {
    'content-type': 'application/vnd.pmtiles',
    'accept-ranges': 'bytes',
    etag: `"${row.sha256.slice(0, 32)}"`,
    'cache-control': 'private, max-age=31536000, immutable',
  };
  const range = parseRange(req.headers.get('range'), size);
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
  const [start, end] = range ?? [0, size - 1];
  const stream = fs.createReadStream(basemapPath(rt.env.DATA_DIR, user.agencyId, m[1]!), { start, end });
  const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: range ? 206 : 200,
    headers: { ...headers, 'content-length': String(end - start + 1), ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}) },
  });
}
