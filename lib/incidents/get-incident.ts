import type pg from 'pg';
import { z } from 'zod';
import type { IncidentDetailDto } from '@/lib/domain/incident';
import { AppError } from '@/lib/platform/errors/app-error';
import { INCIDENT_COLUMNS, incidentRowToDto, type IncidentRow } from '@/lib/correlate/incident-dto';
import { cadUnitRowsSql, cadUnitState, type CadRow } from '@/lib/dashboard/unit-board';
import { readIncidentHistory } from './incident-history';
import { nearestAvailableUnits, type UnitPosition } from './nearest-units';

const ZId = z.uuid();
const EVENT_LIMIT = 500;

/** One incident of the caller's agency with its linked events, cameras, units, nearest available units and history. */
export async function getIncident(pool: pg.Pool, agencyId: string, id: string): Promise<IncidentDetailDto> {
  if (!ZId.safeParse(id).success) throw new AppError('NOT_FOUND', 'No such incident');
  const inc = await pool.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incident i WHERE i.id = $1 AND i.agency_id = $2`, [id, agencyId]);
  const row = inc.rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'No such incident');
  const [events, cameras, units, history, positions, cadUnits] = await Promise.all([
    pool.query<{ seq: string; kind: string; type_code: string; occurred_at: Date; lat: number | null; lon: number | null; title: string | null; reason: string }>(
      `SELECT e.seq::text AS seq, e.kind, e.type_code, e.occurred_at, e.lat, e.lon, e.title, ie.reason
         FROM incident_event ie JOIN event e ON e.seq = ie.event_seq
        WHERE ie.incident_id = $1 ORDER BY e.occurred_at, e.seq LIMIT ${EVENT_LIMIT}`, [id]),
    pool.query<{ id: string; name: string; rank: number; distance_m: number }>(
      `SELECT c.id, c.name, ic.rank, ic.distance_m FROM incident_camera ic JOIN camera c ON c.id = ic.camera_id
        WHERE ic.incident_id = $1 ORDER BY ic.rank`, [id]),
    pool.query<{ call_sign: string; source: string; linked_at: Date; tracker: string | null; tracker_at: Date | null }>(
      `SELECT iu.call_sign, iu.source, iu.linked_at, u.status AS tracker, u.status_at AS tracker_at
         FROM incident_unit iu LEFT JOIN unit u ON u.agency_id = $2 AND u.call_sign = iu.call_sign
        WHERE iu.incident_id = $1 ORDER BY iu.linked_at, iu.call_sign`, [id, agencyId]),
    readIncidentHistory(pool, id),
    row.lat === null || row.lon === null
      ? Promise.resolve({ rows: [] as UnitPosition[] })
      : pool.query<UnitPosition>(
          `SELECT id, call_sign AS "callSign", status, lat, lon FROM unit
            WHERE agency_id = $1 AND status = 'available' AND lat IS NOT NULL AND lon IS NOT NULL`, [agencyId]),
    pool.query<CadRow>(cadUnitRowsSql('e.seq IN (SELECT event_seq FROM incident_event WHERE incident_id = $1)'), [id]),
  ]);
  // Each unit's status on this incident: the newest of its CAD records here, the assignment, its tracker's report.
  const now = new Date();
  const fromCad = new Map(cadUnits.rows.map((r) => [r.unit, cadUnitState(r, now)]));
  const unitStatus = (u: (typeof units.rows)[number]): string => {
    const said = [
      { status: fromCad.get(u.call_sign)?.status, at: fromCad.get(u.call_sign)?.since },
      { status: u.source === 'assigned' ? 'assigned' : undefined, at: u.linked_at },
      { status: u.tracker ?? undefined, at: u.tracker_at ?? undefined },
    ].filter((x): x is { status: string; at: Date } => x.status !== undefined && x.at !== undefined);
    said.sort((a, b) => b.at.getTime() - a.at.getTime());
    return said[0]?.status ?? u.tracker ?? 'unknown';
  };
  return {
    incident: incidentRowToDto(row),
    events: events.rows.map((e) => ({
      seq: e.seq, kind: e.kind, typeCode: e.type_code, occurredAt: e.occurred_at.toISOString(), lat: e.lat, lon: e.lon, title: e.title, reason: e.reason,
    })),
    cameras: cameras.rows.map((c) => ({ id: c.id, name: c.name, rank: c.rank, distanceM: Math.round(c.distance_m) })),
    units: units.rows.map((u) => ({ callSign: u.call_sign, source: u.source, linkedAt: u.linked_at.toISOString(), status: unitStatus(u) })),
    nearestUnits: row.lat === null || row.lon === null ? [] : nearestAvailableUnits(positions.rows, { lat: row.lat, lon: row.lon }),
    history,
  };
}
