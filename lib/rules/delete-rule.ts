import type pg from 'pg';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { auditAdminChange } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/platform/errors/app-error';
import { notifyReferenceChanged } from './rule-rows';

export async function deleteRule(pool: pg.Pool, user: SessionUser, id: string, ip: string | null): Promise<void> {
  await withTransaction(pool, async (client) => {
    const res = await client.query<{ name: string }>('DELETE FROM rule WHERE id = $1 AND agency_id = $2 RETURNING name', [id, user.agencyId]);
    if (!res.rows[0]) throw new AppError('NOT_FOUND', 'No such rule');
    await auditAdminChange(client, { user, ip, action: 'admin.rule.delete', targetType: 'rule', targetId: id, details: { name: res.rows[0].name } });
    await notifyReferenceChanged(client);
  });
}
