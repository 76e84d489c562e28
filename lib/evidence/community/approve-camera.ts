import type pg from 'pg';
import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { assertCan } from '@/lib/policy/assert-can';
import { notifyCamerasChanged } from '@/lib/cameras/camera-store';
import { auditAdminChange } from '@/lib/audit/record';

export const ZDecideCamera = z.strictObject({ decision: z.enum(['approve', 'reject']) });

/** A supervisor approves (the camera leaves 'pending' and shows on the map like any other) or rejects it. */
export async function decideCommunityCamera(pool: pg.Pool, user: SessionUser, id: string, input: unknown, ip: string | null = null): Promise<{ status: string }> {
  assertCan(user, 'share.manage');
  const parsed = ZDecideCamera.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, 'decision');
  const status = parsed.data.decision === 'approve' ? 'approved' : 'rejected';
  const { rows } = await pool.query<{ camera_id: string }>(
    `UPDATE community_camera SET status = $1, decided_by = $2, decided_at = now()
      WHERE id::text = $3 AND agency_id = $4 AND status = 'pending' RETURNING camera_id`,
    [status, user.id, id, user.agencyId],
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', 'No pending community camera with that id');
  await pool.query(`UPDATE camera SET status = $1 WHERE id = $2`, [status === 'approved' ? 'unknown' : 'rejected', rows[0].camera_id]);
  await notifyCamerasChanged(pool);
  await auditAdminChange(pool, { user, ip, action: 'admin.community_camera.decide', targetType: 'community_camera', targetId: id, details: { decision: parsed.data.decision, cameraId: rows[0].camera_id } });
  return { status };
}
