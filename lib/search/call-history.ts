import type pg from 'pg';
import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import { invalid } from '@/lib/platform/errors/app-error';
import { assertCan } from '@/lib/policy/assert-can';
import { queryEventPage } from './search-sql';
import type { SearchEvent } from './types';

export const ZCallHistoryQuery = z
  .strictObject({
    address: z.string().trim().min(3).max(200).optional(),
    phone: z.string().trim().min(3).max(30).optional(),
    days: z.number().int().min(1).max(3650).default(365),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .refine((q) => Boolean(q.address) !== Boolean(q.phone), { message: 'give exactly one of address or phone', path: ['address'] });

/**
 * Calls to one address or from one phone number: 911 calls and CAD events, newest first. The ≤ 31-day rule of
 * search does not apply: a caller's history is the point. Walks the window a month at a time so every query
 * stays on the time index.
 */
export async function callHistory(pool: pg.Pool, user: SessionUser | null, input: unknown): Promise<SearchEvent[]> {
  const me = assertCan(user, 'search.run');
  const parsed = ZCallHistoryQuery.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, 'call history query');
  const q = parsed.data;
  const out: SearchEvent[] = [];
  const month = 30 * 86_400_000;
  const start = Date.now() - q.days * 86_400_000;
  for (let to = Date.now() + 60_000; to > start && out.length < q.limit; to -= month) {
    const from = Math.max(start, to - month);
    const page = await queryEventPage(pool, me.agencyId, {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      kinds: ['call911', 'cad'],
      address: q.address,
      phone: q.phone,
      limit: q.limit - out.length,
    });
    out.push(...page.events);
  }
  return out;
}
