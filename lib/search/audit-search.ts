import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import type { SearchQuery } from './types';

/** One audit row per history search or export, with the query (minus the cursor) and the stated purpose. */
export async function auditSearch(pool: pg.Pool, user: SessionUser, action: 'search.run' | 'search.export', q: SearchQuery, ip: string | null): Promise<void> {
  const { cursor: _cursor, purpose, ...query } = q;
  await audit(pool, {
    actor: user,
    action,
    targetType: 'event',
    ip,
    outcome: 'allow',
    purpose: purpose ?? null,
    details: { query: JSON.parse(JSON.stringify(query)) as Record<string, unknown> },
  });
}
