import type { AuditRowDto } from '@/lib/audit/list-audit';

const OUTCOME_CLASS: Record<string, string> = { allow: 'text-emerald-400', deny: 'text-amber-400', error: 'text-red-400' };

export function AuditTable({ rows }: { rows: AuditRowDto[] }) {
  if (!rows.length) return <p className="mt-6 text-sm text-ink-muted">No audit rows match.</p>;
  return (
    <table className="mt-6 w-full border-collapse text-left text-xs" data-testid="audit-table">
      <thead className="text-ink-muted">
        <tr>
          {['#', 'When (UTC)', 'Who', 'Action', 'Target', 'From', 'Outcome', 'Purpose', 'Details'].map((h) => (
            <th key={h} className="border-b border-line px-2 py-1 font-semibold">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-b border-line/50 align-top">
            <td className="px-2 py-1 tabular-nums">{r.id}</td>
            <td className="px-2 py-1 whitespace-nowrap tabular-nums">{r.at.replace('T', ' ').slice(0, 19)}</td>
            <td className="px-2 py-1">{r.actorLabel}</td>
            <td className="px-2 py-1 font-mono">{r.action}</td>
            <td className="px-2 py-1">{r.targetType ? `${r.targetType}:${r.targetId ?? ''}` : ''}</td>
            <td className="px-2 py-1">{r.ip ?? ''}</td>
            <td className={`px-2 py-1 font-semibold ${OUTCOME_CLASS[r.outcome] ?? ''}`}>{r.outcome}</td>
            <td className="px-2 py-1">{r.purpose ?? ''}</td>
            <td className="max-w-[28rem] px-2 py-1 font-mono break-all text-ink-muted">{JSON.stringify(r.details)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
