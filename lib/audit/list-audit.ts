import type pg from 'pg';
import { z } from 'zod';
import { invalid } from '@/lib/platform/errors/app-error';
import type { JsonValue } from './canonical';

export const ZAuditFilter = z.strictObject({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(200).optional(),
  outcome: z.enum(['allow', 'deny', 'error']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Keyset cursor: rows with a smaller id (older). */
  before: z.string().regex(/^\d{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditFilter = z.infer<typeof ZAuditFilter>;

export interface AuditRowDto {
  id: string;
  at: string;
  actorLabel: string;
  actorUserId: string | null;
  agencyId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  outcome: string;
  purpose: string | null;
  details: JsonValue;
  hash: string;
}

/** Parse filters from a query string (empty values ignored). */
export function parseAuditFilter(params: URLSearchParams | Record<string, string | undefined>): AuditFilter {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const raw = Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZAuditFilter.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error, 'audit filter');
  return parsed.data;
}

/**
 * Whose rows a reader may see: an agency administrator their own agency's only (its searches name plates, phones,
 * purposes and people); a platform administrator every agency's and the platform's own (`null`).
 */
export function auditScopeFor(user: { role: string; agencyId: string }): string | null {
  return user.role === 'platform_admin' ? null : user.agencyId;
}

/** Newest first, filtered; `action` matches a prefix ('auth.' gives every sign-in event). Admin viewer only. */
export async function listAudit(
  pool: pg.Pool,
  f: AuditFilter,
  agencyId: string | null,
): Promise<{ rows: AuditRowDto[]; nextBefore: string | null }> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace('?', `$${args.length}`));
  };
  if (agencyId !== null) add('agency_id = ?', agencyId);
  if (f.action) add(`action LIKE ? || '%'`, f.action.replace(/[\\%_]/g, (c) => `\\${c}`));
  if (f.actor) add('actor_label = ?', f.actor);
  if (f.outcome) add('outcome = ?', f.outcome);
  if (f.from) add('at >= ?', f.from);
  if (f.to) add('at < ?', f.to);
  if (f.before) add('audit_log.id < ?', f.before);
  args.push(f.limit);
  const { rows } = await pool.query<AuditRowDto & { at: Date }>(
    `SELECT id::text AS id, at, actor_label AS "actorLabel", actor_user_id AS "actorUserId", agency_id AS "agencyId",
            action, target_type AS "targetType", target_id AS "targetId", ip, outcome, purpose, details, hash
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY audit_log.id DESC LIMIT $${args.length}`,
    args,
  );
  const dtos = rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  return { rows: dtos, nextBefore: dtos.length === f.limit ? dtos[dtos.length - 1]!.id : null };
}
