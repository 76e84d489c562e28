import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { audit } from '@/lib/audit/audit';
import { auditScopeFor, listAudit, parseAuditFilter, type AuditFilter } from '@/lib/audit/list-audit';
import { auditHead, verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { AppError } from '@/lib/platform/errors/app-error';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { AuditFilters } from './audit-filters';
import { AuditTable } from './audit-table';

export const metadata: Metadata = { title: 'Audit log' };

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePageUser('/admin/audit');
  const { verify, ...raw } = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  let filter: AuditFilter;
  let problem: string | null = null;
  try {
    filter = parseAuditFilter(raw);
  } catch (err) {
    problem = err instanceof AppError ? err.message : 'Invalid filter';
    filter = parseAuditFilter({});
  }
  const pool = runtime().pool;
  // Verifying reads the whole log: on demand, not on every page view.
  const [page, chain, head] = await Promise.all([
    listAudit(pool, filter, auditScopeFor(user)),
    verify ? verifyAuditChain(pool) : null,
    auditHead(pool),
  ]);
  await audit(pool, { actor: user, action: 'audit.read', targetType: 'audit_log', ip: clientIp(await headers()), outcome: 'allow', details: { filter } });

  return (
    <div className="h-full overflow-auto p-6">
      <h1 className="text-xl font-semibold">Audit log</h1>
      <p className="mt-2 text-sm" data-testid="chain-status">
        {!chain ? (
          <span>
            Head of the hash chain: row {head?.id ?? '—'}, <code className="break-all">{head?.hash ?? '—'}</code>{' '}
            <a className="text-accent underline" href={`?${new URLSearchParams({ ...cleaned(raw), verify: '1' })}`}>
              Verify the whole chain
            </a>
          </span>
        ) : chain.ok ? (
          <span className="text-emerald-400">
            Hash chain intact: {chain.rows} rows; head <code className="break-all">{chain.headHash ?? '—'}</code>
          </span>
        ) : (
          <span className="text-red-400">
            Hash chain BROKEN at row {chain.firstBrokenId}: {chain.reason}
          </span>
        )}
      </p>
      <AuditFilters values={raw} />
      {problem && <p className="mt-2 text-sm text-red-400">{problem}</p>}
      <AuditTable rows={page.rows} />
      {page.nextBefore && (
        <a className="mt-4 inline-block text-sm text-accent underline" href={`?${new URLSearchParams({ ...cleaned(raw), before: page.nextBefore })}`}>
          Older rows →
        </a>
      )}
    </div>
  );
}

function cleaned(raw: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => !!e[1] && e[0] !== 'before'));
}
