import type pg from 'pg';
import { INCIDENT_COLUMNS, incidentRowToDto, type IncidentRow } from '@/lib/correlate/incident-dto';
import { KIND_LABEL, ZEventKind } from '@/lib/domain/event';
import type { BriefView } from '@/lib/domain/brief';
import { priorityBand } from '@/lib/domain/priority-band';
import { districtIndex } from '@/lib/districts/district-index';
import { distanceBearing, snapshotSvg, type Mark } from '@/lib/maps/snapshot-svg';
import type { BriefRow } from './brief-rows';
import { premiseHazards, priorCalls } from './premise';

const MAX_CAMERAS = 4;

/** Hotlist entries for the plates read at this incident (LPR reads and hotlist hits linked to it). */
async function hotlistFor(pool: pg.Pool, agencyId: string, incidentId: string) {
  const { rows } = await pool.query<{ plate: string; state: string; reason: string; priority: number }>(
    `SELECT DISTINCT h.plate, h.state, h.reason, h.priority
       FROM incident_event ie JOIN event e ON e.seq = ie.event_seq
       JOIN hotlist_entry h ON h.agency_id = $2 AND h.plate = regexp_replace(upper(e.payload->>'plate'), '[^A-Z0-9]', '', 'g')
      WHERE ie.incident_id = $1 AND e.payload ? 'plate' AND (h.expires_at IS NULL OR h.expires_at > now())
      ORDER BY h.priority, h.plate LIMIT 10`,
    [incidentId, agencyId],
  );
  return rows;
}

/**
 * What a responding unit's phone shows: the incident (location, priority and why, newest events), the unit's own
 * position with distance and direction, the cameras that see the place (live through the brief's own video route),
 * earlier calls and flagged hazards at the premise, hotlist details of plates read there, and a map snapshot.
 * No caller identity, no notes: the brief leaves the console, so it carries only what the response needs.
 */
export async function buildBriefView(pool: pg.Pool, b: BriefRow): Promise<BriefView> {
  const inc = await pool.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incident i WHERE i.id = $1`, [b.incident_id]);
  const i = incidentRowToDto(inc.rows[0]!);
  const [unit, cameras, latest, prior, hazards, hotlist] = await Promise.all([
    pool.query<{ status: string; lat: number | null; lon: number | null; updated_at: Date }>(
      'SELECT status, lat, lon, updated_at FROM unit WHERE agency_id = $1 AND call_sign = $2', [b.agency_id, b.call_sign]),
    pool.query<{ id: string; name: string; distance_m: number; lat: number; lon: number }>(
      `SELECT c.id, c.name, ic.distance_m, c.lat, c.lon FROM incident_camera ic JOIN camera c ON c.id = ic.camera_id
        WHERE ic.incident_id = $1 AND c.agency_id = $2 AND c.stream_kind = 'hls' ORDER BY ic.rank LIMIT ${MAX_CAMERAS}`, [b.incident_id, b.agency_id]),
    pool.query<{ occurred_at: Date; kind: string; title: string | null; type_code: string }>(
      `SELECT e.occurred_at, e.kind, e.title, e.type_code FROM incident_event ie JOIN event e ON e.seq = ie.event_seq
        WHERE ie.incident_id = $1 ORDER BY e.seq DESC LIMIT 6`, [b.incident_id]),
    priorCalls(pool, { agencyId: b.agency_id, incidentId: i.id, address: i.address, lat: i.lat, lon: i.lon, before: new Date(i.openedAt) }),
    premiseHazards(pool, { agencyId: b.agency_id, address: i.address, lat: i.lat, lon: i.lon }),
    hotlistFor(pool, b.agency_id, i.id),
  ]);
  const u = unit.rows[0];
  const here = i.lat !== null && i.lon !== null ? { lat: i.lat, lon: i.lon } : null;
  const from = u && u.lat !== null && u.lon !== null ? { lat: u.lat, lon: u.lon } : null;
  const route = here && from ? distanceBearing(from, here) : null;
  const marks: Mark[] = [
    ...cameras.rows.map((c): Mark => ({ lat: c.lat, lon: c.lon, kind: 'camera' })),
    ...(from ? [{ ...from, kind: 'unit' as const, label: b.call_sign }] : []),
    ...(here ? [{ ...here, kind: 'incident' as const }] : []),
  ];
  const unitIdx = marks.findIndex((m) => m.kind === 'unit');
  const incIdx = marks.findIndex((m) => m.kind === 'incident');
  const mapSvg = snapshotSvg(districtIndex().districts, marks, {
    width: 360, height: 260, minSpanM: 500, title: `Map: incident ${i.number}${from ? ` and ${b.call_sign}` : ''}`,
    lines: unitIdx >= 0 && incIdx >= 0 ? [[unitIdx, incIdx]] : [],
  });
  const kind = (k: string) => { const p = ZEventKind.safeParse(k); return p.success ? KIND_LABEL[p.data] : k; };
  return {
    brief: { id: b.id, callSign: b.call_sign, expiresAt: b.expires_at.toISOString() },
    incident: {
      number: i.number, title: i.title, typeCode: i.typeCode, status: i.status, priority: priorityBand(i.score), address: i.address, lat: i.lat, lon: i.lon,
      reasons: i.reasons.slice(0, 5).map((r) => r.text), openedAt: i.openedAt, updatedAt: i.updatedAt,
    },
    unit: u ? { callSign: b.call_sign, status: u.status, updatedAt: u.updated_at.toISOString(), distanceM: route ? Math.round(route.meters) : null, bearing: route?.bearing ?? null } : null,
    navigateUrl: here ? `geo:${here.lat.toFixed(6)},${here.lon.toFixed(6)}?q=${here.lat.toFixed(6)},${here.lon.toFixed(6)}` : null,
    cameras: cameras.rows.map((c) => ({ id: c.id, name: c.name, distanceM: Math.round(c.distance_m) })),
    latest: latest.rows.map((e) => ({ at: e.occurred_at.toISOString(), kind: kind(e.kind), title: e.title ?? e.type_code })),
    priorCalls: prior,
    hazards,
    hotlist,
    mapSvg,
    version: `${i.updatedAt}|${i.lastSeq}|${u?.updated_at.toISOString() ?? ''}|${hazards.length}|${cameras.rows.length}`,
  };
}
