import Link from 'next/link';
import { listCases } from '@/lib/evidence/get-case';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';

export default async function CasesPage() {
  const user = await requirePageUser('/cases');
  const cases = await listCases(runtime().pool, user);
  return (
    <div className="h-full overflow-auto p-6">
      <div className="flex items-center gap-4">
        <h1 className="text-xl font-semibold">Cases</h1>
        <Link href="/investigate" className="text-sm text-accent underline">Search history to open a case</Link>
      </div>
      <table className="mt-4 w-full text-left text-sm">
        <thead>
          <tr className="border-b border-line">
            <th className="py-2">Number</th>
            <th>Title</th>
            <th>Status</th>
            <th>Opened</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id} className="border-b border-line/50" data-testid="case-row">
              <td className="py-2 font-mono">
                <Link href={`/cases/${c.id}`} className="text-accent underline">{c.number}</Link>
              </td>
              <td>{c.title}</td>
              <td>{c.status}</td>
              <td>{new Date(c.createdAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {cases.length === 0 && <p className="mt-4 text-ink-muted">No cases yet.</p>}
    </div>
  );
}
