import type pg from 'pg';
import type { EventInput } from '@/lib/domain/event';
import { normalisePlate, readToEvent, type LprRead } from '../ingest/adapters/lpr-webhook';

export interface HotlistHit {
  id: string;
  plate: string;
  state: string;
  reason: string;
  priority: number;
}

/**
 * The best live hotlist entry for each read (same agency, same normalised plate, state equal or unrecorded on
 * either side, not expired; most urgent first). One query per batch, before the write transaction opens.
 */
export async function matchHotlist(pool: pg.Pool, agencyId: string, reads: LprRead[]): Promise<(HotlistHit | null)[]> {
  if (!reads.length) return [];
  const plates = [...new Set(reads.map((r) => normalisePlate(r.plate)))];
  const { rows } = await pool.query<HotlistHit>(
    `SELECT id, plate, state, reason, priority FROM hotlist_entry
      WHERE agency_id = $1 AND plate = ANY($2::text[]) AND (expires_at IS NULL OR expires_at > now())
      ORDER BY priority, created_at`,
    [agencyId, plates],
  );
  return reads.map((r) => {
    const plate = normalisePlate(r.plate);
    return rows.find((h) => h.plate === plate && (h.state === '' || r.state === null || h.state === r.state)) ?? null;
  });
}

/**
 * A hit is its own `alert` event, stored in the same transaction as the read. Its id is the read's id + ':hit',
 * so a retried read raises no second alert.
 */
export function hitToEvent(read: LprRead, hit: HotlistHit): EventInput {
  const readEvent = readToEvent(read);
  return {
    externalId: `${read.readId}:hit`,
    kind: 'alert',
    typeCode: 'lpr_hotlist_hit',
    occurredAt: read.occurredAt,
    lat: read.lat,
    lon: read.lon,
    priority: Math.min(5, Math.max(1, hit.priority)),
    title: `Hotlist hit: ${hit.plate}${hit.state ? ` (${hit.state})` : ''}: ${hit.reason}`.slice(0, 300),
    payload: {
      plate: hit.plate,
      state: read.state,
      reason: hit.reason,
      hotlistEntryId: hit.id,
      readExternalId: readEvent.externalId,
      cameraId: read.cameraId,
      confidence: read.confidence,
      imageUrl: read.imageUrl,
    },
  };
}
