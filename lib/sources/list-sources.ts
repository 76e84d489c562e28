import type pg from 'pg';
import type { SourceAdminDto } from '@/lib/domain/source';
import { seqReceivedSince } from '../ingest/seq-received-since';

interface SourceRow {
  id: string;
  name: string;
  kind: string;
  agency_name: string;
  api_key_hint: string;
  enabled: boolean;
  time_zone: string | null;
  attribution: string;
  mapped: boolean;
  signed: boolean;
  created_at: Date;
  last_event_at: Date | null;
  events_today: string | null;
}

/**
 * The admin's sources with what they sent lately, by time RECEIVED (a replay or a backfill carries old occurred_at
 * times, yet it is traffic now). Only the last 7 days are read, found by seq (seqReceivedSince): `event` has no
 * (source_id, time) index, and one would tax every ingest insert for a page an admin opens now and then. A source
 * silent for a week shows no last event.
 */
export async function listSources(pool: pg.Pool | pg.PoolClient, agencyId: string, onlyId?: string): Promise<SourceAdminDto[]> {
  const since = await seqReceivedSince(pool, 7 * 24);
  const { rows } = await pool.query<SourceRow>(
    `WITH activity AS (
       SELECT source_id, max(received_at) AS last_event_at,
              count(*) FILTER (WHERE received_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS events_today
         FROM event
        WHERE seq >= $3::bigint AND received_at >= now() - interval '7 days'
          AND source_id IN (SELECT id FROM source WHERE agency_id = $1 AND ($2::uuid IS NULL OR id = $2))
        GROUP BY source_id)
     SELECT s.id, s.name, s.kind, a.name AS agency_name, s.api_key_hint, s.enabled, s.created_at, s.time_zone, s.attribution,
            EXISTS (SELECT 1 FROM source_mapping m WHERE m.source_id = s.id) AS mapped,
            (sec.hmac_secret IS NOT NULL) AS signed, act.last_event_at, act.events_today
       FROM source s
       JOIN agency a ON a.id = s.agency_id
       LEFT JOIN source_secret sec ON sec.source_id = s.id
       LEFT JOIN activity act ON act.source_id = s.id
      WHERE s.agency_id = $1 AND ($2::uuid IS NULL OR s.id = $2)
      ORDER BY s.name, s.id`,
    [agencyId, onlyId ?? null, since.toString()],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    agencyName: r.agency_name,
    keyHint: r.api_key_hint,
    enabled: r.enabled,
    timeZone: r.time_zone,
    attribution: r.attribution,
    mapped: r.mapped,
    signed: r.signed,
    createdAt: r.created_at.toISOString(),
    lastEventAt: r.last_event_at?.toISOString() ?? null,
    eventsToday: Number(r.events_today ?? 0),
  }));
}
