import { ZReason, type IncidentDto, type IncidentStatus, type Reason } from '@/lib/domain/incident';
import type { IncidentState } from './incident-state';

/** A row of `incident` as services read it. */
export interface IncidentRow {
  id: string;
  number: string;
  status: IncidentStatus;
  type_code: string;
  title: string;
  lat: number | null;
  lon: number | null;
  address: string | null;
  score: number;
  reasons: unknown;
  opened_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  last_seq: string;
  agency_id?: string;
  cad_status?: string | null;
  closed_by?: string | null;
  merged_into?: string | null;
}

export const INCIDENT_COLUMNS = `i.id, i.number, i.status, i.type_code, i.title, i.lat, i.lon, i.address, i.score, i.reasons,
  i.opened_at, i.updated_at, i.closed_at, i.last_seq::text AS last_seq, i.agency_id, i.cad_status, i.closed_by, i.merged_into`;

/** Stored reasons are our own JSON; anything malformed is dropped rather than shown. */
export function parseReasons(v: unknown): Reason[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((r) => {
    const p = ZReason.safeParse(r);
    return p.success ? [p.data] : [];
  });
}

export function incidentRowToDto(r: IncidentRow): IncidentDto {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    typeCode: r.type_code,
    title: r.title,
    lat: r.lat,
    lon: r.lon,
    address: r.address,
    score: r.score,
    reasons: parseReasons(r.reasons),
    openedAt: r.opened_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    lastSeq: r.last_seq,
    ...(r.agency_id ? { agencyId: r.agency_id } : {}),
    cadStatus: r.cad_status ?? null,
    closedBy: r.closed_by ?? null,
    mergedInto: r.merged_into ?? null,
  };
}

export function incidentStateToDto(inc: IncidentState & { score: number; orderedReasons: Reason[] }, at: Date): IncidentDto {
  return {
    id: inc.id,
    number: inc.number,
    status: inc.status,
    typeCode: inc.typeCode,
    title: inc.title,
    lat: inc.lat,
    lon: inc.lon,
    address: inc.address,
    score: inc.score,
    reasons: inc.orderedReasons,
    openedAt: new Date(inc.openedAtMs).toISOString(),
    updatedAt: at.toISOString(),
    closedAt: inc.status === 'merged' || inc.status === 'closed' ? at.toISOString() : null,
    lastSeq: inc.lastSeq.toString(),
    agencyId: inc.agencyId,
    cadStatus: inc.cadStatus,
    closedBy: inc.closedBy,
    mergedInto: inc.mergedInto,
  };
}
