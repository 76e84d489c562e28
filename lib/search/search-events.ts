import type pg from 'pg';
import type { SessionUser } from '@/lib/auth/session-user';
import { assertCan } from '@/lib/policy/assert-can';
import { queryEventPage, queryIncidents } from './search-sql';
import type { SearchQuery, SearchResult } from './types';

/** Search the agency's history. Agency is always the caller's own: it is never a parameter a client can set. */
export async function searchEvents(pool: pg.Pool, user: SessionUser | null, q: SearchQuery): Promise<SearchResult> {
  const me = assertCan(user, 'search.run');
  const [page, incidents] = await Promise.all([
    queryEventPage(pool, me.agencyId, q),
    q.cursor ? Promise.resolve([]) : queryIncidents(pool, me.agencyId, q),
  ]);
  return { ...page, incidents };
}
