import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import type { SearchEndpoint } from './purpose-gate';

/**
 * One audit row per search (history, call history, rewind) or export, with the query (minus any cursor), the
 * surface it came from and the stated purpose — already checked by requireAuditedPurpose.
 */
export async function auditSearch(
  pool: pg.Pool,
  user: SessionUser,
  action: 'search.run' | 'search.export',
  run: { endpoint: SearchEndpoint; purpose: string; query: Record<string, unknown> },
  ip: string | null,
): Promise<void> {
  const { cursor: _cursor, purpose: _purpose, ...query } = run.query;
  await audit(pool, {
    actor: user,
    action,
    targetType: 'event',
    targetId: run.endpoint,
    ip,
    outcome: 'allow',
    purpose: run.purpose,
    details: { endpoint: run.endpoint, query: JSON.parse(JSON.stringify(query)) as Record<string, unknown> },
  });
}
