import type pg from 'pg';
import { z } from 'zod';
import { auditEvidence } from '@/lib/audit/record';
import { allowList, checkUrl } from '@/lib/platform/outbound/outbound-fetch';
import type { Runtime } from '@/lib/platform/runtime';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { findCase } from './case-rows';
import type { EvidenceConfig } from './config';
import { userActor } from './custody';
import { partBytes, readPlaylist } from './clip-fetch';
import { samePart, type HlsSegment } from './hls-playlist';
import { assertCan } from '@/lib/policy/assert-can';
import type { EvidenceStorage } from './storage';
import { storeItem } from './store-item';
import type { ItemDto } from './types';

export const ZRecordClip = z
  .strictObject({ cameraId: z.uuid(), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), title: z.string().trim().max(200).optional() })
  .refine((c) => Date.parse(c.from) < Date.parse(c.to), { message: 'from must be before to', path: ['to'] });

const overlaps = (s: HlsSegment, from: number, to: number) => s.start < to && s.start + s.duration * 1000 > from;

/**
 * POST /api/cases/[id]/clips: fetch the camera's HLS playlist, take the segments that overlap [from, to] — waiting
 * for live segments while `to` is still ahead — and store them concatenated as one item, hashed as it streams:
 * MPEG-TS segments as one .ts file; fMP4 segments (EXT-X-MAP) after their init section as one fragmented MP4. Byte
 * ranges (EXT-X-BYTERANGE) are fetched as ranges. Cameras keep only a short live window: a range older than the
 * window has no footage.
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
    for (const s of pl.segments) if (overlaps(s, from, to)) chosen.set(s.range ? `${s.uri}#${s.range.offset}` : s.uri, s); // single-file streams: one URI, many ranges
    const last = pl.segments[pl.segments.length - 1];
    const liveEdge = last ? last.start + last.duration * 1000 : 0;
    if (pl.ended || liveEdge >= to || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, Math.max(500, (pl.targetDuration * 1000) / 2)));
  }
  const all = [...chosen.values()].sort((a, b) => a.start - b.start);
  if (!all.length) throw new AppError('CONFLICT', 'The camera has no footage for that time range (its live window may have moved past it)');
  if (all.some((s) => s.encrypted)) throw new AppError('BAD_REQUEST', 'This camera\'s stream is encrypted (EXT-X-KEY): its segments cannot be recorded as footage', [{ path: 'cameraId', message: 'encrypted stream' }]);
  // One file plays only with one init section: footage after the stream changes it (a restarted encoder) is left
  // out and the custody row says how much.
  const init = all[0]!.init;
  const cut = all.findIndex((s) => !samePart(s.init, init));
  const segments = cut < 0 ? all : all.slice(0, cut);

  // Every address is checked before anything is fetched or stored: one refused address refuses the clip.
  for (const p of init ? [init, ...segments] : segments) checkUrl(new URL(p.uri), allowList(rt));
  async function* bytes(): AsyncGenerator<Uint8Array> {
    if (init) yield* partBytes(rt, init); // fetched once, stored first: the file is one playable fragmented MP4
    for (const s of segments) yield* partBytes(rt, s);
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
      mime: init ? 'video/mp4' : 'video/mp2t',
      sourceRef: `camera:${camera.id}:${parsed.data.from}/${parsed.data.to}`,
      addedBy: me.id,
      details: {
        cameraId: camera.id,
        format: init ? 'fmp4' : 'mpegts',
        segments: segments.length,
        ...(cut < 0 ? {} : { segmentsLeftOut: all.length - cut, why: 'the stream changed its init section (EXT-X-MAP)' }),
        footageFrom: span.from,
        footageTo: span.to,
      },
    },
    bytes(),
    cfg.EVIDENCE_MAX_BYTES,
  );
  await auditEvidence(pool, { user: me, ip, action: 'evidence.clip', targetType: 'evidence_item', targetId: item.id, details: { caseId: c.id, cameraId: camera.id, ...span } });
  return item;
}
