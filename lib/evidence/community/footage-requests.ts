import crypto from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { hashToken } from '@/lib/auth/sessions';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { findCase } from '../case-rows';
import { appendCustody, userActor, withTx, type CustodyActor } from '../custody';
import { assertCan } from '@/lib/policy/assert-can';

export const ZFootageRequest = z
  .strictObject({
    communityCameraId: z.uuid(),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(5).max(2000),
  })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), { message: 'from must be before to', path: ['to'] });

export interface FootageRequestRow {
  id: string;
  case_id: string;
  community_camera_id: string;
  status: string;
  from_at: Date;
  to_at: Date;
  reason: string;
  expires_at: Date;
  contact_name: string;
  camera_name: string;
}

/**
 * A detective asks a community camera's owner for footage. Returns the owner's link (to e-mail; shown once).
 * Only cameras whose owner consented to requests (footage_on_request or live_on_alarm) and that were approved.
 */
export async function requestFootage(pool: pg.Pool, user: SessionUser, caseId: string, input: unknown, ip: string | null, origin: string): Promise<{ id: string; ownerUrl: string }> {
  const me = assertCan(user, 'case.write');
  const c = await findCase(pool, caseId, me.agencyId);
  const parsed = ZFootageRequest.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, 'footage request');
  const r = parsed.data;
  const cam = await pool.query<{ consent: string; status: string; contact_email: string }>(
    'SELECT consent, status, contact_email FROM community_camera WHERE id = $1 AND agency_id = $2',
    [r.communityCameraId, me.agencyId],
  );
  const cc = cam.rows[0];
  if (!cc) throw new AppError('BAD_REQUEST', 'Unknown community camera', [{ path: 'communityCameraId', message: 'not registered with your agency' }]);
  if (cc.status !== 'approved') throw new AppError('CONFLICT', 'This community camera is not approved yet');
  if (cc.consent === 'location_only') throw new AppError('CONFLICT', 'The owner consented to share the location only, not footage');
  const token = crypto.randomBytes(32).toString('base64url');
  const id = crypto.randomUUID();
  await withTx(pool, async (client) => {
    await client.query(
      `INSERT INTO footage_request (id, community_camera_id, case_id, requested_by, from_at, to_at, reason, token_hash, expires_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8, now() + interval '14 days')`,
      [id, r.communityCameraId, c.id, me.id, r.from, r.to, r.reason, hashToken(token)],
    );
    await appendCustody(client, userActor(me, ip), {
      caseId: c.id,
      action: 'footage_requested',
      details: { requestId: id, communityCameraId: r.communityCameraId, from: r.from, to: r.to, to_email: cc.contact_email },
    });
  });
  return { id, ownerUrl: `${origin}/community/footage/${token}` };
}

/** The request behind an owner's link, if still open. */
export async function findRequestByToken(pool: pg.Pool, token: string): Promise<FootageRequestRow> {
  if (!/^[\w-]{20,100}$/.test(token)) throw new AppError('NOT_FOUND', 'No such request');
  const { rows } = await pool.query<FootageRequestRow>(
    `SELECT f.id, f.case_id, f.community_camera_id, f.status, f.from_at, f.to_at, f.reason, f.expires_at, cc.contact_name, cam.name AS camera_name
       FROM footage_request f JOIN community_camera cc ON cc.id = f.community_camera_id JOIN camera cam ON cam.id = cc.camera_id
      WHERE f.token_hash = $1`,
    [hashToken(token)],
  );
  const f = rows[0];
  if (!f) throw new AppError('NOT_FOUND', 'No such request');
  if (f.expires_at.getTime() <= Date.now()) throw new AppError('CONFLICT', 'This request has expired');
  return f;
}

export const ownerActor = (f: FootageRequestRow, ip: string | null): CustodyActor => ({ actor: `owner:${f.community_camera_id}`, actorName: `${f.contact_name} (camera owner)`, ip });

/** The owner answers through the link: approve (then upload) or decline. */
export async function answerRequest(pool: pg.Pool, token: string, decision: 'approve' | 'decline', ip: string | null): Promise<{ status: string }> {
  const f = await findRequestByToken(pool, token);
  if (f.status !== 'requested') throw new AppError('CONFLICT', `This request was already ${f.status}`);
  const status = decision === 'approve' ? 'approved' : 'declined';
  await withTx(pool, async (client) => {
    await client.query('UPDATE footage_request SET status = $1, decided_at = now() WHERE id = $2', [status, f.id]);
    await appendCustody(client, ownerActor(f, ip), { caseId: f.case_id, action: decision === 'approve' ? 'footage_approved' : 'footage_declined', details: { requestId: f.id } });
  });
  return { status };
}
