import type pg from 'pg';
import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { findCase } from './case-rows';
import type { EvidenceConfig } from './config';
import { userActor } from './custody';
import { firstVariant, parseMediaPlaylist, type HlsSegment } from './hls-playlist';
import { assertCan } from '@/lib/policy/assert-can';
import type { EvidenceStorage } from './storage';
import { storeItem } from './store-item';
import type { ItemDto } from './types';

export const ZRecordClip = z
  .strictObject({ cameraId: z.uuid(), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), title: z.string().trim().max(200).optional() })
  .refine((c) => Date.parse(c.from) < Date.parse(c.to), { message: 'from must be before to', path: ['to'] });

const FETCH_TIMEOUT_MS = 15_000;

async function fetchHttp(url: string): Promise<Response> {
  const u = new URL(url);
  // Only http(s): a playlist must never make the server read file:// or other schemes.
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('BAD_REQUEST', `Refusing non-http(s) URL in playlist: ${u.protocol}`);
  const res = await fetch(u, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
  if (!res.ok) throw new AppError('UNAVAILABLE', `Camera stream answered ${res.status} for ${u.pathname}`);
  return res;
}

async function readPlaylist(url: string): Promise<ReturnType<typeof parseMediaPlaylist>> {
  let text = await (await fetchHttp(url)).text();
  const variant = firstVariant(text, url);
  if (variant) {
    text = await (await fetchHttp(variant)).text();
    url = variant;
  }
  return parseMediaPlaylist(text, url, Date.now());
}

const overlaps = (s: HlsSegment, from: number, to: number) => s.start < to && s.start + s.duration * 1000 > from;

/**
 * POST /api/cases/[id]/clips: fetch the camera's HLS playlist, take the MPEG-TS segments that overlap
 * [from, to] — waiting for live segments while `to` is still ahead — and store them concatenated as one item,
 * hashed as it streams. Cameras keep only a short live window: a range older than the window has no footage.
 */
export async function recordClip(
  pool: pg.Pool,
  storage: EvidenceStorage,
  cfg: EvidenceConfig,
  user: SessionUser,
  caseId: string,
  input: unknown,
  ip: string | null,
): Promise<ItemDto> {
  const me = assertCan(user, 'case.write');
  const c = await findCase(pool, caseId, me.agencyId);
  const parsed = ZRecordClip.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, 'clip');
  const from = Date.parse(parsed.data.from);
  const to = Date.parse(parsed.data.to);
  if (to - from > cfg.EVIDENCE_MAX_CLIP_SECONDS * 1000) throw new AppError('BAD_REQUEST', `A clip may be at most ${cfg.EVIDENCE_MAX_CLIP_SECONDS} s long`, [{ path: 'to', message: 'range too long' }]);
  const cam = await pool.query<{ id: string; name: string; stream_kind: string; stream_url: string }>(
    'SELECT id, name, stream_kind, stream_url FROM camera WHERE id = $1 AND agency_id = $2',
    [parsed.data.cameraId, me.agencyId],
  );
  const camera = cam.rows[0];
  if (!camera) throw new AppError('BAD_REQUEST', 'Unknown camera', [{ path: 'cameraId', message: 'not a camera of your agency' }]);
  if (camera.stream_kind !== 'hls') throw new AppError('BAD_REQUEST', 'This camera has no HLS stream to record', [{ path: 'cameraId', message: 'not an HLS camera' }]);

  // Collect overlapping segments; while the range reaches past the live edge, poll for new ones.
  const chosen = new Map<string, HlsSegment>();
  const deadline = Math.max(to, Date.now()) + 30_000;
  for (;;) {
    const pl = await readPlaylist(camera.stream_url);
    for (const s of pl.segments) if (overlaps(s, from, to)) chosen.set(s.uri, s);
    const last = pl.segments[pl.segments.length - 1];
    const liveEdge = last ? last.start + last.duration * 1000 : 0;
    if (pl.ended || liveEdge >= to || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, Math.max(500, (pl.targetDuration * 1000) / 2)));
  }
  const segments = [...chosen.values()].sort((a, b) => a.start - b.start);
  if (!segments.length) throw new AppError('CONFLICT', 'The camera has no footage for that time range (its live window may have moved past it)');

  async function* bytes(): AsyncGenerator<Uint8Array> {
    for (const s of segments) {
      const res = await fetchHttp(s.uri);
      if (!res.body) continue;
      const reader = res.body.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
    }
  }
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const span = { from: new Date(first.start).toISOString(), to: new Date(last.start + last.duration * 1000).toISOString() };
  return storeItem(
    pool,
    storage,
    c.id,
    userActor(me, ip),
    {
      kind: 'clip',
      title: parsed.data.title || `${camera.name} ${span.from} – ${span.to}`,
      mime: 'video/mp2t',
      sourceRef: `camera:${camera.id}:${parsed.data.from}/${parsed.data.to}`,
      addedBy: me.id,
      details: { cameraId: camera.id, segments: segments.length, footageFrom: span.from, footageTo: span.to },
    },
    bytes(),
    cfg.EVIDENCE_MAX_BYTES,
  );
}
