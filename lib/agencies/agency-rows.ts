import type pg from 'pg';
import type { AgencyDto, HomeView } from '@/lib/domain/agency';

interface Row {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  home_lat: number | null;
  home_lon: number | null;
  home_zoom: number | null;
  has_jurisdiction: boolean;
  attribution: string;
  districts: number;
  users: number;
  sources: number;
  created_at: Date;
}

const home = (r: Pick<Row, 'home_lat' | 'home_lon' | 'home_zoom'>): HomeView | null =>
  r.home_lat === null || r.home_lon === null ? null : { lat: r.home_lat, lon: r.home_lon, zoom: r.home_zoom ?? 11 };

/** Agencies as DTOs (one, or all for a platform administrator), with what each holds. */
export async function selectAgencies(db: pg.Pool | pg.PoolClient, onlyId?: string): Promise<AgencyDto[]> {
  const { rows } = await db.query<Row>(
    `SELECT a.id, a.slug, a.name, a.time_zone, a.home_lat, a.home_lon, a.home_zoom, a.jurisdiction IS NOT NULL AS has_jurisdiction, a.attribution, a.created_at,
            (SELECT count(*)::int FROM agency_district d WHERE d.agency_id = a.id) AS districts,
            (SELECT count(*)::int FROM app_user u WHERE u.agency_id = a.id AND u.role <> 'wall_device') AS users,
            (SELECT count(*)::int FROM source s WHERE s.agency_id = a.id) AS sources
       FROM agency a WHERE ($1::uuid IS NULL OR a.id = $1) ORDER BY a.created_at, a.name`,
    [onlyId ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    timeZone: r.time_zone,
    home: home(r),
    hasJurisdiction: r.has_jurisdiction,
    attribution: r.attribution,
    districts: r.districts,
    users: r.users,
    sources: r.sources,
    createdAt: r.created_at.toISOString(),
  }));
}

/**
 * Where the user's map opens: the agency's home view; else the middle of its jurisdiction; else null (the map
 * then shows the whole world rather than another agency's city).
 */
export async function agencyHomeView(db: pg.Pool, agencyId: string): Promise<HomeView | null> {
  const { rows } = await db.query<Row & { jurisdiction: { coordinates: number[][][][] } | null }>(
    'SELECT home_lat, home_lon, home_zoom, jurisdiction FROM agency WHERE id = $1',
    [agencyId],
  );
  const r = rows[0];
  if (!r) return null;
  const h = home(r);
  if (h || !r.jurisdiction) return h;
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of r.jurisdiction.coordinates) for (const [lon, lat] of poly[0] ?? []) {
    minLon = Math.min(minLon, lon!);
    maxLon = Math.max(maxLon, lon!);
    minLat = Math.min(minLat, lat!);
    maxLat = Math.max(maxLat, lat!);
  }
  if (!Number.isFinite(minLon)) return null;
  // A zoom at which the box fits a 1920 px wide map: 360° spans 512 px at zoom 1.
  const span = Math.max(maxLon - minLon, (maxLat - minLat) * 1.5, 0.01);
  const zoom = Math.max(3, Math.min(15, Math.log2((1600 / 512) * (360 / span))));
  return { lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2, zoom: Math.round(zoom * 10) / 10 };
}
