import type pg from 'pg';
import { ACTIVE_STATUSES } from '@/lib/domain/incident';
import { priorityBand } from '@/lib/domain/priority-band';
import type { DashboardDto } from '@/lib/domain/dashboard';
import { districtIndex } from '@/lib/districts/district-index';

export interface OpenRow {
  id: string;
  number: string;
  title: string;
  status: string;
  score: number;
  lat: number | null;
  lon: number | null;
  opened_at: Date;
}

/** The agency's active incidents (what the queue holds), with what the dashboard groups them by. */
export async function selectOpen(pool: pg.Pool, agencyId: string): Promise<OpenRow[]> {
  const { rows } = await pool.query<OpenRow>(
    `SELECT id, number, title, status, score, lat, lon, opened_at FROM incident WHERE agency_id = $1 AND status = ANY($2::text[])`,
    [agencyId, [...ACTIVE_STATUSES]],
  );
  return rows;
}

/** Unlocated incidents (and those outside every district) count under this name. */
export const NO_DISTRICT = 'No district';

/** Open situations by priority band and by district (districts most loaded first). */
export function groupOpen(rows: readonly OpenRow[]): DashboardDto['open'] {
  const idx = districtIndex();
  const byPriority = [0, 0, 0, 0];
  const byDistrict = new Map<string, number[]>();
  for (const r of rows) {
    const band = priorityBand(r.score);
    byPriority[band - 1]! += 1;
    const d = idx.districtOf(r.lat, r.lon) ?? NO_DISTRICT;
    const counts = byDistrict.get(d) ?? [0, 0, 0, 0];
    counts[band - 1]! += 1;
    byDistrict.set(d, counts);
  }
  return {
    total: rows.length,
    byPriority,
    byDistrict: [...byDistrict.entries()]
      .map(([district, counts]) => ({ district, byPriority: counts, total: counts.reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.total - a.total || a.district.localeCompare(b.district)),
  };
}
