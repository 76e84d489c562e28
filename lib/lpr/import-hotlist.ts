import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { auditAdminChange } from '@/lib/audit/record';
import { clientIp } from '@/lib/platform/http/request-meta';
import { AppError } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { normalisePlate } from '../ingest/adapters/lpr-webhook';
import { blankToUndefined, readCsvUpload } from '../ingest/csv-upload';

/** `2026-12-31` (valid through that day, UTC) or a full ISO instant. */
const ZExpiry = z.preprocess(
  blankToUndefined,
  z
    .union([
      z.iso.date().transform((d) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString()),
      z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString()),
    ])
    .optional(),
);

const ZHotlistRow = z
  .object({
    plate: z.string().min(1).max(20).transform(normalisePlate).refine((p) => p.length > 0, 'plate has no letters or digits'),
    state: z.string().max(6).regex(/^[A-Za-z0-9]*$/, 'letters and digits only').default('').transform((s) => s.toUpperCase()),
    reason: z.string().min(1).max(200),
    priority: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(5).default(2)),
    expiry: ZExpiry,
    expires_at: ZExpiry,
  })
  .transform(({ expires_at, expiry, ...r }) => ({ ...r, expiresAt: expires_at ?? expiry ?? null }));
type HotlistRow = z.infer<typeof ZHotlistRow>;

/**
 * PUT /api/admin/hotlists (text/csv: plate, state, reason, priority, expiry|expires_at): replaces the admin's
 * agency hotlist in one transaction. The same plate+state listed twice (e.g. stolen and wanted) becomes one
 * entry with the most urgent priority and both reasons.
 */
export async function importHotlist(rt: Runtime, admin: SessionUser, req: Request): Promise<{ entries: number }> {
  const rows = await readCsvUpload(req, ZHotlistRow);
  if (!rows.length) throw new AppError('BAD_REQUEST', 'Invalid CSV: no records (send the header and at least one plate)');
  const merged = new Map<string, HotlistRow>();
  for (const r of rows) {
    const key = `${r.plate}|${r.state}`;
    const prev = merged.get(key);
    if (!prev) merged.set(key, r);
    else
      merged.set(key, {
        ...prev,
        priority: Math.min(prev.priority, r.priority),
        reason: `${prev.reason}; ${r.reason}`.slice(0, 400),
        expiresAt: prev.expiresAt === null || r.expiresAt === null ? null : prev.expiresAt > r.expiresAt ? prev.expiresAt : r.expiresAt,
      });
  }
  const list = [...merged.values()];
  await withTransaction(rt.pool, async (client) => {
    await client.query('DELETE FROM hotlist_entry WHERE agency_id = $1', [admin.agencyId]);
    await client.query(
      `INSERT INTO hotlist_entry (id, agency_id, plate, state, reason, priority, expires_at)
       SELECT gen_random_uuid(), $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int2[], $6::timestamptz[])`,
      [admin.agencyId, list.map((r) => r.plate), list.map((r) => r.state), list.map((r) => r.reason), list.map((r) => r.priority), list.map((r) => r.expiresAt)],
    );
    // In the same transaction: a replaced hotlist whose trail cannot be written is not replaced.
    await auditAdminChange(client, { user: admin, ip: clientIp(req.headers), action: 'admin.hotlist.import', targetType: 'hotlist', targetId: admin.agencyId, details: { entries: list.length } });
  });
  return { entries: list.length };
}
