import crypto from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { hashPassword } from '@/lib/auth/password';
import { hashToken } from '@/lib/auth/sessions';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { findCase } from '../case-rows';
import { appendCustody, userActor, withTx } from '../custody';
import { assertCan } from '@/lib/policy/assert-can';

export const ZCreateShare = z.strictObject({
  recipientName: z.string().trim().min(2).max(200),
  recipientEmail: z.email().max(320).optional(),
  passcode: z.string().min(6).max(200).optional(),
  /** Hours until the link stops working: 1 hour to 90 days, default 7 days. */
  expiresInHours: z.number().int().min(1).max(24 * 90).default(24 * 7),
});

export interface CreatedShare {
  id: string;
  /** Shown once: only its hash is stored. */
  url: string;
  token: string;
  expiresAt: string;
}

/** POST /api/cases/[id]/shares: a link for an attorney, logged as 'shared' in the case's custody chain. */
export async function createShare(pool: pg.Pool, user: SessionUser, caseId: string, input: unknown, ip: string | null, origin: string): Promise<CreatedShare> {
  const me = assertCan(user, 'case.write');
  const c = await findCase(pool, caseId, me.agencyId);
  if (c.status !== 'open' && c.status !== 'closed') throw new AppError('CONFLICT', 'Case cannot be shared');
  const parsed = ZCreateShare.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, 'share');
  const s = parsed.data;
  const token = crypto.randomBytes(32).toString('base64url');
  const id = crypto.randomUUID();
  const expiresAt = new Date(Date.now() + s.expiresInHours * 3_600_000);
  const passcodeHash = s.passcode ? await hashPassword(s.passcode) : null;
  await withTx(pool, async (client) => {
    await client.query(
      `INSERT INTO share_link (id, case_id, token_hash, recipient_name, recipient_email, passcode_hash, expires_at, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [id, c.id, hashToken(token), s.recipientName, s.recipientEmail ?? null, passcodeHash, expiresAt, me.id],
    );
    await appendCustody(client, userActor(me, ip), {
      caseId: c.id,
      action: 'shared',
      details: { shareId: id, recipientName: s.recipientName, recipientEmail: s.recipientEmail ?? null, passcode: !!passcodeHash, expiresAt: expiresAt.toISOString() },
    });
  });
  return { id, token, url: `${origin}/share/${token}`, expiresAt: expiresAt.toISOString() };
}

/** POST /api/cases/[id]/shares/[shareId]/revoke: the link stops working at once (410). */
export async function revokeShare(pool: pg.Pool, user: SessionUser, caseId: string, shareId: string, ip: string | null): Promise<void> {
  const me = assertCan(user, 'case.write');
  const c = await findCase(pool, caseId, me.agencyId);
  await withTx(pool, async (client) => {
    const { rowCount } = await client.query('UPDATE share_link SET revoked_at = now() WHERE id::text = $1 AND case_id = $2 AND revoked_at IS NULL', [shareId, c.id]);
    if (!rowCount) throw new AppError('NOT_FOUND', 'No such active share link');
    await appendCustody(client, userActor(me, ip), { caseId: c.id, action: 'share_revoked', details: { shareId } });
  });
}
