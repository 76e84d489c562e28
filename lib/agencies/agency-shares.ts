import crypto from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError, invalid } from '@/lib/platform/errors/app-error';
import { SHARE_SCOPES } from '../policy/actions';

export const ZCreateAgencyShare = z
  .strictObject({
    toAgencyId: z.uuid(),
    scope: z.array(z.enum(SHARE_SCOPES)).min(1).max(SHARE_SCOPES.length),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .refine((s) => !s.endsAt || !s.startsAt || new Date(s.endsAt) > new Date(s.startsAt), { path: ['endsAt'], message: 'endsAt must be after startsAt' });

/** Minimal view of the Socket.IO server: enough to find and cut a partner's sockets (any adapter, any node). */
export interface SocketCutter {
  fetchSockets(): Promise<{ data: { agencyId?: string }; rooms: Set<string>; disconnect(close?: boolean): void }[]>;
}

interface Ctx {
  pool: pg.Pool;
  io?: SocketCutter;
}

/** Share the caller's agency data of `scope` with another agency, from `startsAt` (default now) to `endsAt`. */
export async function createAgencyShare(ctx: Ctx, user: SessionUser, body: unknown, ip: string | null): Promise<{ id: string }> {
  const parsed = ZCreateAgencyShare.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'agency share');
  const s = parsed.data;
  if (s.toAgencyId === user.agencyId) throw new AppError('BAD_REQUEST', 'An agency cannot share with itself', [{ path: 'toAgencyId', message: 'Same agency' }]);
  const id = crypto.randomUUID();
  const { rowCount } = await ctx.pool.query(
    `INSERT INTO agency_share (id, from_agency_id, to_agency_id, scope, starts_at, ends_at, created_by)
     SELECT $1, $2, a.id, $4, coalesce($5::timestamptz, now()), $6, $7 FROM agency a WHERE a.id = $3`,
    [id, user.agencyId, s.toAgencyId, [...new Set(s.scope)], s.startsAt ?? null, s.endsAt ?? null, user.id],
  );
  if (!rowCount) throw new AppError('NOT_FOUND', 'No such agency', [{ path: 'toAgencyId', message: 'Unknown agency' }]);
  await audit(ctx.pool, { actor: user, action: 'admin.share.create', targetType: 'agency_share', targetId: id, ip, outcome: 'allow', details: { ...s } });
  return { id };
}

/** Revoke a share the caller's agency made. Takes effect at once: the partner's open sockets on our rooms are cut. */
export async function revokeAgencyShare(ctx: Ctx, user: SessionUser, shareId: string, ip: string | null): Promise<{ socketsCut: number }> {
  if (!z.uuid().safeParse(shareId).success) throw new AppError('NOT_FOUND', 'No such share');
  const { rows } = await ctx.pool.query<{ to_agency_id: string }>(
    `UPDATE agency_share SET revoked_at = now() WHERE id = $1 AND from_agency_id = $2 AND revoked_at IS NULL RETURNING to_agency_id`,
    [shareId, user.agencyId],
  );
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'No such active share from your agency');
  const socketsCut = ctx.io ? await cutPartnerSockets(ctx.io, user.agencyId, row.to_agency_id) : 0;
  await audit(ctx.pool, { actor: user, action: 'admin.share.revoke', targetType: 'agency_share', targetId: shareId, ip, outcome: 'allow', details: { socketsCut } });
  return { socketsCut };
}

/**
 * Disconnect every socket of `toAgencyId` that sits in a room of `fromAgencyId` (rooms are `agency:<id>:…`). The
 * client reconnects and resumes, and the gateway then only admits it to rooms its remaining grants allow.
 */
export async function cutPartnerSockets(io: SocketCutter, fromAgencyId: string, toAgencyId: string): Promise<number> {
  const prefix = `agency:${fromAgencyId}:`;
  let cut = 0;
  for (const s of await io.fetchSockets()) {
    if (s.data.agencyId !== toAgencyId) continue;
    if (![...s.rooms].some((r) => r.startsWith(prefix))) continue;
    s.disconnect(true);
    cut++;
  }
  return cut;
}

export interface AgencyShareDto {
  id: string;
  fromAgencyId: string;
  toAgencyId: string;
  toAgencyName: string;
  scope: string[];
  startsAt: string;
  endsAt: string | null;
  revokedAt: string | null;
}

/** Shares the caller's agency made or received, newest first. */
export async function listAgencyShares(pool: pg.Pool, agencyId: string): Promise<AgencyShareDto[]> {
  const { rows } = await pool.query<AgencyShareDto & { startsAt: Date; endsAt: Date | null; revokedAt: Date | null }>(
    `SELECT s.id, s.from_agency_id AS "fromAgencyId", s.to_agency_id AS "toAgencyId", t.name AS "toAgencyName", s.scope,
            s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.revoked_at AS "revokedAt"
       FROM agency_share s JOIN agency t ON t.id = s.to_agency_id
      WHERE s.from_agency_id = $1 OR s.to_agency_id = $1 ORDER BY s.created_at DESC LIMIT 500`,
    [agencyId],
  );
  return rows.map((r) => ({
    ...r,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}
