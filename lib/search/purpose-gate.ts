import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import { purposeLabel, requireSearchPurpose } from '@/lib/policy/search-purpose';
import { AppError } from '@/lib/platform/errors/app-error';

/** Which search surface a purpose was checked for; kept in the audit row's details. */
export type SearchEndpoint = 'search' | 'calls' | 'export' | 'rewind' | 'case-from-events';

/**
 * The stated purpose of a search, as its audit label (`offense:burglary`, `case:2026-001234`), checked BEFORE the
 * search runs: an offense from the maintained list (OFFENSE_TYPES) or the number of an existing case of the
 * caller's agency. Without a valid one the refusal itself is audited (outcome 'deny', so it never counts on the
 * transparency page) and the 400 naming `purpose` is rethrown: nothing is queried.
 */
export async function requireAuditedPurpose(
  pool: pg.Pool,
  user: SessionUser,
  raw: unknown,
  ctx: { endpoint: SearchEndpoint; ip: string | null },
): Promise<string> {
  try {
    const purpose = requireSearchPurpose(raw);
    if (purpose.kind === 'case') {
      const found = await pool.query('SELECT 1 FROM evidence_case WHERE agency_id = $1 AND number = $2', [user.agencyId, purpose.caseNumber]);
      if (!found.rowCount) {
        throw new AppError('BAD_REQUEST', `Invalid search purpose: ${purpose.caseNumber} is not a case of your agency (open the case first, or state an offense type)`, [
          { path: 'purpose', message: 'no such case' },
        ]);
      }
    }
    return purposeLabel(purpose);
  } catch (err) {
    await audit(pool, {
      actor: user,
      action: ctx.endpoint === 'export' ? 'search.export' : 'search.run',
      targetType: 'search',
      targetId: ctx.endpoint,
      ip: ctx.ip,
      outcome: 'deny',
      details: { reason: err instanceof Error ? err.message.slice(0, 300) : 'invalid purpose', field: 'purpose', endpoint: ctx.endpoint },
    });
    throw err;
  }
}
