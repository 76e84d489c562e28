import type pg from 'pg';
import type { SessionUser } from '@/lib/auth/session-user';
import { findCase, listCustody, listItems, listShares, toCaseDto, toCustodyDto, toItemDto } from './case-rows';
import { recordCustody, userActor } from './custody';
import { assertCan } from '@/lib/policy/assert-can';
import { auditEvidence } from '@/lib/audit/record';
import type { CaseDetailDto } from './types';

/** A case with its items, custody chain and share links; the view itself is a custody row. */
export async function getCase(pool: pg.Pool, user: SessionUser, caseId: string, ip: string | null): Promise<CaseDetailDto> {
  const me = assertCan(user, 'case.read');
  const c = await findCase(pool, caseId, me.agencyId);
  await recordCustody(pool, userActor(me, ip), { caseId: c.id, action: 'viewed' });
  // The custody log is the case's own; the agency's audit log must show the read too.
  await auditEvidence(pool, { user: me, ip, action: 'case.read', targetType: 'case', targetId: c.id, details: { number: c.number } });
  const [items, custody, shares] = await Promise.all([listItems(pool, c.id), listCustody(pool, c.id), listShares(pool, c.id)]);
  return { ...toCaseDto(c), items: items.map(toItemDto), custody: custody.map(toCustodyDto), shares };
}

/** The agency's cases, newest first (for the cases list page). */
export async function listCases(pool: pg.Pool, user: SessionUser): Promise<ReturnType<typeof toCaseDto>[]> {
  const me = assertCan(user, 'case.read');
  const { rows } = await pool.query('SELECT * FROM evidence_case WHERE agency_id = $1 ORDER BY created_at DESC LIMIT 200', [me.agencyId]);
  return rows.map(toCaseDto);
}
