import crypto from 'node:crypto';
import type pg from 'pg';
import type { z } from 'zod';
import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import type { ZHazardBody } from '@/lib/domain/brief';
import { assertCan } from '@/lib/policy/assert-can';
import { addressKey } from './premise';

/** Flag a hazard at a premise (an address, a point, or both); audited. Shown in every brief sent near it. */
export async function flagHazard(pool: pg.Pool, caller: SessionUser, h: z.infer<typeof ZHazardBody>, ip: string | null): Promise<{ id: string }> {
  const user = assertCan(caller, 'hazard.manage');
  const id = crypto.randomUUID();
  await pool.query(
    `INSERT INTO premise_hazard (id, agency_id, address, address_key, lat, lon, hazard, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, user.agencyId, h.address ?? null, addressKey(h.address), h.lat ?? null, h.lon ?? null, h.hazard, user.id, h.expiresAt ?? null],
  );
  await audit(pool, { actor: user, action: 'hazard.flag', targetType: 'premise_hazard', targetId: id, ip, outcome: 'allow', details: { address: h.address ?? null } });
  return { id };
}
