import 'server-only';
import type pg from 'pg';
import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import { auditAdminChange } from '@/lib/audit/record';
import type { Basemap } from '@/lib/domain/basemap';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import { OSM_ATTRIBUTION } from './basemaps';

/** Plain text: it is shown as text (escaped), so an admin cannot put markup on every console. */
export const ZAttribution = z.strictObject({ attribution: z.string().trim().max(300) });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Credits we write ourselves (OpenStreetMap's link) are HTML; everything an admin typed is text. */
const TRUSTED = new Set([OSM_ATTRIBUTION]);
const asHtml = (s: string) => (TRUSTED.has(s) ? s : escapeHtml(s));

/**
 * What the map credits, in order: the street map drawn (OpenStreetMap for the bundled and uploaded Protomaps
 * archives), the data bundled with it (the SF neighbourhoods: DataSF), the agency's own credit, then each of its
 * enabled sources' credits, each once. Nothing of another agency's: a new agency shows only its own and the map's.
 */
export async function mapCredits(pool: pg.Pool, agencyId: string, basemap: Pick<Basemap, 'attribution'> | null, context: string | null): Promise<string[]> {
  const { rows } = await pool.query<{ attribution: string }>(
    `SELECT attribution FROM (SELECT attribution, 0 AS o, '' AS name FROM agency WHERE id = $1
        UNION ALL SELECT attribution, 1, name FROM source WHERE agency_id = $1 AND enabled) c
      WHERE attribution <> '' ORDER BY o, name`,
    [agencyId],
  );
  const all = [basemap?.attribution, context, ...rows.map((r) => r.attribution)].filter((s): s is string => !!s?.trim());
  const seen = new Set<string>();
  return all.filter((s) => !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase())).map(asHtml);
}

/** PUT /api/admin/agency/attribution and /api/admin/sources/[id]/attribution. */
export async function updateAttribution(
  pool: pg.Pool,
  admin: SessionUser,
  target: { kind: 'agency' } | { kind: 'source'; id: string },
  body: z.infer<typeof ZAttribution>,
  ip: string | null,
): Promise<{ attribution: string }> {
  return withTransaction(pool, async (client) => {
    const { rows } =
      target.kind === 'agency'
        ? await client.query<{ id: string }>('UPDATE agency SET attribution = $2, updated_at = now() WHERE id = $1 RETURNING id', [admin.agencyId, body.attribution])
        : await client.query<{ id: string }>('UPDATE source SET attribution = $3 WHERE id::text = $1 AND agency_id = $2 RETURNING id', [target.id, admin.agencyId, body.attribution]);
    if (!rows[0]) throw new AppError('NOT_FOUND', 'No such source in your agency');
    await auditAdminChange(client, { user: admin, ip, action: `admin.${target.kind}.attribution`, targetType: target.kind, targetId: rows[0].id, details: { attribution: body.attribution } });
    return { attribution: body.attribution };
  });
}
