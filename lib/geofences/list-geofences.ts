import type pg from 'pg';
import { ZGeofenceKind, ZPolygon, type GeofenceDto } from '@/lib/domain/geofence';

export interface GeofenceRow {
  id: string;
  name: string;
  kind: string;
  polygon: unknown;
  created_at: Date;
}

export function geofenceRowToDto(r: GeofenceRow): GeofenceDto {
  return { id: r.id, name: r.name, kind: ZGeofenceKind.parse(r.kind), polygon: ZPolygon.parse(r.polygon), createdAt: r.created_at.toISOString() };
}

export async function listGeofences(pool: pg.Pool, agencyId: string): Promise<GeofenceDto[]> {
  const { rows } = await pool.query<GeofenceRow>('SELECT id, name, kind, polygon, created_at FROM geofence WHERE agency_id = $1 ORDER BY name, id', [agencyId]);
  return rows.map(geofenceRowToDto);
}
