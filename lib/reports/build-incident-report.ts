import type pg from 'pg';
import { INCIDENT_COLUMNS, incidentRowToDto, type IncidentRow } from '@/lib/correlate/incident-dto';
import { KIND_LABEL, ZEventKind } from '@/lib/domain/event';
import type { IncidentDto, Reason } from '@/lib/domain/incident';
import type { NoteDto, Person } from '@/lib/domain/teamwork';
import { AppError } from '@/lib/platform/errors/app-error';
import { selectNotes } from '@/lib/notes/note-rows';
import { readOwners } from '@/lib/presence/read-owners';
import { readIncidentHistory } from '@/lib/incidents/incident-history';

export interface ReportEvent {
  seq: string;
  kind: string;
  typeCode: string;
  occurredAt: string;
  title: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  reason: string;
}

export interface TimelineEntry {
  at: string;
  what: 'event' | 'change' | 'note' | 'brief';
  text: string;
  by: string | null;
}

export interface IncidentReport {
  incident: IncidentDto;
  owner: Person | null;
  events: ReportEvent[];
  eventsTruncated: boolean;
  units: { callSign: string; source: string; linkedAt: string }[];
  cameras: { id: string; name: string; distanceM: number; lat: number; lon: number; viewedBy: string[] }[];
  notes: NoteDto[];
  history: { at: string; actor: string; change: string; score: number; reasons: Reason[] }[];
  briefs: { callSign: string; createdAt: string; expiresAt: string; revokedAt: string | null; endedAt: string | null; opens: number }[];
  timeline: TimelineEntry[];
  generatedAt: string;
}

const EVENT_LIMIT = 5000;
const kindLabel = (k: string) => {
  const p = ZEventKind.safeParse(k);
  return p.success ? KIND_LABEL[p.data] : k;
};

/** Everything the incident report shows, of an incident of the caller's agency (404 otherwise). */
export async function buildIncidentReport(pool: pg.Pool, agencyId: string, id: string, now = new Date()): Promise<IncidentReport> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError('NOT_FOUND', 'No such incident');
  const inc = await pool.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incident i WHERE i.id = $1 AND i.agency_id = $2`, [id, agencyId]);
  const row = inc.rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'No such incident');
  const incident = incidentRowToDto(row);
  const until = row.closed_at ?? now;
  const [events, units, cameras, history, notes, owners, briefs] = await Promise.all([
    pool.query<{ seq: string; kind: string; type_code: string; occurred_at: Date; title: string | null; address: string | null; lat: number | null; lon: number | null; reason: string }>(
      `SELECT e.seq::text AS seq, e.kind, e.type_code, e.occurred_at, e.title, e.address, e.lat, e.lon, ie.reason
         FROM incident_event ie JOIN event e ON e.seq = ie.event_seq WHERE ie.incident_id = $1 ORDER BY e.occurred_at, e.seq LIMIT ${EVENT_LIMIT + 1}`, [id]),
    pool.query<{ call_sign: string; source: string; linked_at: Date }>('SELECT call_sign, source, linked_at FROM incident_unit WHERE incident_id = $1 ORDER BY linked_at, call_sign', [id]),
    pool.query<{ id: string; name: string; distance_m: number; lat: number; lon: number; viewers: string[] | null }>(
      `SELECT c.id, c.name, ic.distance_m, c.lat, c.lon,
              (SELECT array_agg(DISTINCT a.actor_label) FROM audit_log a
                WHERE a.action = 'video.view' AND a.target_id = c.id::text AND a.at >= $2 AND a.at <= $3) AS viewers
         FROM incident_camera ic JOIN camera c ON c.id = ic.camera_id WHERE ic.incident_id = $1 ORDER BY ic.rank`,
      [id, row.opened_at, until]),
    readIncidentHistory(pool, id),
    selectNotes(pool, id),
    readOwners(pool, [id]),
    pool.query<{ id: string; call_sign: string; created_at: Date; expires_at: Date; revoked_at: Date | null; ended_at: Date | null; opens: number }>(
      `SELECT b.id, b.call_sign, b.created_at, b.expires_at, b.revoked_at, b.ended_at,
              (SELECT count(*)::int FROM audit_log a WHERE a.action = 'brief.open' AND a.target_id = b.id::text) AS opens
         FROM responder_brief b WHERE b.incident_id = $1 ORDER BY b.created_at`, [id]),
  ]);
  const ev: ReportEvent[] = events.rows.slice(0, EVENT_LIMIT).map((e) => ({
    seq: e.seq, kind: e.kind, typeCode: e.type_code, occurredAt: e.occurred_at.toISOString(), title: e.title, address: e.address, lat: e.lat, lon: e.lon, reason: e.reason,
  }));
  const hist = history.map((h) => ({ at: h.at, actor: h.actorName, change: h.change, score: h.score, reasons: h.reasons }));
  const br = briefs.rows.map((b) => ({
    callSign: b.call_sign, createdAt: b.created_at.toISOString(), expiresAt: b.expires_at.toISOString(), revokedAt: b.revoked_at?.toISOString() ?? null, endedAt: b.ended_at?.toISOString() ?? null, opens: b.opens,
  }));
  const timeline: TimelineEntry[] = [
    ...ev.map((e): TimelineEntry => ({ at: e.occurredAt, what: 'event', text: `${kindLabel(e.kind)}: ${e.title ?? e.typeCode}${e.address ? ` (${e.address})` : ''}`, by: null })),
    ...hist.map((h): TimelineEntry => ({ at: h.at, what: 'change', text: `${h.change} (score ${h.score})`, by: h.actor })),
    ...notes.map((n): TimelineEntry => ({ at: n.createdAt, what: n.kind === 'brief' ? 'brief' : 'note', text: n.body, by: n.authorName })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    incident,
    owner: owners.get(id) ?? null,
    events: ev,
    eventsTruncated: events.rows.length > EVENT_LIMIT,
    units: units.rows.map((u) => ({ callSign: u.call_sign, source: u.source, linkedAt: u.linked_at.toISOString() })),
    cameras: cameras.rows.map((c) => ({ id: c.id, name: c.name, distanceM: Math.round(c.distance_m), lat: c.lat, lon: c.lon, viewedBy: c.viewers ?? [] })),
    notes,
    history: hist,
    briefs: br,
    timeline,
    generatedAt: now.toISOString(),
  };
}
