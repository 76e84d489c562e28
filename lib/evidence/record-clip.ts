import type pg from 'pg';
import { z } from 'zod';
import { auditEvidence } from '@/lib/audit/record';
import { readStreamCapped } from '@/lib/platform/http/read-body';
import { allowList, checkUrl, outboundFetch, OutboundRefused } from '@/lib/platform/outbound/outbound-fetch';
import type { Runtime } from '@/lib/platform/runtime';
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
const MAX_PLAYLIST_BYTES = 512 * 1024;

type Outbound = Pick<Runtime, 'env'>;

/**
 * Every address a playlist names (variant, segments) goes through the outbound-address policy, like the camera's
 * own: only http(s), no private, loopback or link-local address unless allow-listed, no redirects.
 */
async function fetchHttp(rt: Outbound, url: string): Promise<ReadableStream<Uint8Array>> {
  const u = new URL(url);
  let res;
  try {
    res = await outboundFetch(rt, u, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (err) {
    if (err instanceof OutboundRefused) throw new AppError('BAD_REQUEST', `Camera playlist refused: ${err.message}`, [{ path: 'cameraId', message: err.message }]);
    throw new AppError('UNAVAILABLE', `Camera stream did not answer for ${u.pathname}`);
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new AppError('UNAVAILABLE', `Camera stream answered ${res.status} for ${u.pathname}`);
  }
  return res.body as unknown as ReadableStream<Uint8Array>;
}

async function fetchText(rt: Outbound, url: string): Promise<string> {
  const bytes = await readStreamCapped(await fetchHttp(rt, url), MAX_PLAYLIST_BYTES, () => new AppError('UNAVAILABLE', 'Camera playlist too large'));
  return new TextDecoder().decode(bytes);
}

async function readPlaylist(rt: Outbound, url: string): Promise<ReturnType<typeof parseMediaPlaylist>> {
  let text = await fetchText(rt, url);
  const variant = firstVariant(text, url);
  if (variant) {
    text = await fetchText(rt, variant);
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
  rt: Pick<Runtime, 'pool' | 'env'>,
  storage: EvidenceStorage,
  cfg: EvidenceConfig,
  user: SessionUser,
  caseId: string,
  input: unknown,
  ip: string | null,
): Promise<ItemDto> {
  const pool: pg.Pool = rt.pool;
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
    const pl = await readPlaylist(rt, camera.stream_url);
    for (const s of pl.segments) if (overlaps(s, from, to)) chosen.set(s.uri, s);
    const last = pl.segments[pl.segments.length - 1];
    const liveEdge = last ? last.start + last.duration * 1000 : 0;
    if (pl.ended || liveEdge >= to || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, Math.max(500, (pl.targetDuration * 1000) / 2)));
  }
  const segments = [...chosen.values()].sort((a, b) => a.start - b.start);
  if (!segments.length) throw new AppError('CONFLICT', 'The camera has no footage for that time range (its live window may have moved past it)');

  // Every segment address is checked before anything is fetched or stored: one refused address refuses the clip.
  for (const s of segments) checkUrl(new URL(s.uri), allowList(rt));
  async function* bytes(): AsyncGenerator<Uint8Array> {
    for (const s of segments) {
      const reader = (await fetchHttp(rt, s.uri)).getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
    }
  }
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const span = { from: new Date(first.start).toISOString(), to: new Date(last.start + last.duration * 1000).toISOString() };
  const item = await storeItem(
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
  await auditEvidence(pool, { user: me, ip, action: 'evidence.clip', targetType: 'evidence_item', targetId: item.id, details: { caseId: c.id, cameraId: camera.id, ...span } });
  return item;
}
