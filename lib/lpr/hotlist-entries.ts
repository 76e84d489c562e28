import type pg from 'pg';
import { z } from 'zod';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import { normalisePlate } from '../ingest/adapters/lpr-webhook';

export interface HotlistEntryDto {
  id: string;
  plate: string;
  state: string;
  reason: string;
  priority: number;
  expiresAt: string | null;
  expired: boolean;
  createdAt: string;
}

/** POST /api/admin/hotlists/entries: one plate added (or its entry replaced: same plate and state). */
export const ZHotlistEntry = z.strictObject({
  plate: z.string().trim().min(1).max(20).transform(normalisePlate).refine((p) => p.length > 0, 'plate has no letters or digits'),
  state: z.string().trim().max(6).regex(/^[A-Za-z0-9]*$/, 'letters and digits only').default('').transform((s) => s.toUpperCase()),
  reason: z.string().trim().min(1).max(200),
  priority: z.number().int().min(1).max(5).default(2),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

export async function listHotlist(pool: pg.Pool, agencyId: string, q: { search?: string; limit?: number }): Promise<{ entries: HotlistEntryDto[]; total: number }> {
  const search = q.search ? normalisePlate(q.search) : '';
  const { rows } = await pool.query<{ id: string; plate: string; state: string; reason: string; priority: number; expires_at: Date | null; created_at: Date; total: string }>(
    `SELECT id, plate, state, reason, priority, expires_at, created_at, count(*) OVER () AS total FROM hotlist_entry
      WHERE agency_id = $1 AND ($2 = '' OR plate LIKE '%' || $2 || '%') ORDER BY plate, state LIMIT $3`,
    [agencyId, search, Math.min(500, q.limit ?? 200)],
  );
  const now = Date.now();
  return {
    total: Number(rows[0]?.total ?? 0),
    entries: rows.map((r) => ({ id: r.id, plate: r.plate, state: r.state, reason: r.reason, priority: r.priority, expiresAt: r.expires_at?.toISOString() ?? null, expired: !!r.expires_at && r.expires_at.getTime() <= now, createdAt: r.created_at.toISOString() })),
  };
}

export async function addHotlistEntry(pool: pg.Pool, admin: SessionUser, e: z.infer<typeof ZHotlistEntry>, ip: string | null): Promise<{ id: string }> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO hotlist_entry (id, agency_id, plate, state, reason, priority, expires_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)
       ON CONFLICT (agency_id, plate, state) DO UPDATE SET reason = EXCLUDED.reason, priority = EXCLUDED.priority, expires_at = EXCLUDED.expires_at
       RETURNING id`,
      [admin.agencyId, e.plate, e.state, e.reason, e.priority, e.expiresAt],
    );
    await auditAdminChange(client, { user: admin, ip, action: 'admin.hotlist.add', targetType: 'hotlist_entry', targetId: rows[0]!.id, details: { plate: e.plate, state: e.state, priority: e.priority, expiresAt: e.expiresAt } });
    return { id: rows[0]!.id };
  });
}

export async function removeHotlistEntry(pool: pg.Pool, admin: SessionUser, id: string, ip: string | null): Promise<void> {
  await withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ plate: string; state: string }>('DELETE FROM hotlist_entry WHERE id::text = $1 AND agency_id = $2 RETURNING plate, state', [id, admin.agencyId]);
    if (!rows[0]) throw new AppError('NOT_FOUND', 'No such hotlist entry');
    await auditAdminChange(client, { user: admin, ip, action: 'admin.hotlist.remove', targetType: 'hotlist_entry', targetId: id, details: rows[0] });
  });
}
