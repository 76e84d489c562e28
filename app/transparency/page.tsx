import fs from 'node:fs/promises';
import path from 'node:path';
import type { Metadata } from 'next';
import { transparencyFigures, type Count } from '@/lib/audit/transparency-figures';
import { runtime } from '@/lib/platform/runtime';
import { Checkpoints } from './checkpoints';
import { PolicyText } from './policy-text';

export const metadata: Metadata = { title: 'Transparency' };
// Figures are computed from the database on every request: never cached, never typed in.
export const dynamic = 'force-dynamic';

const POLICY_FILE = path.join(process.cwd(), 'app', 'transparency', 'policy.md');

export default async function TransparencyPage() {
  const [f, policy] = await Promise.all([
    transparencyFigures(runtime().pool),
    fs.readFile(POLICY_FILE, 'utf8').catch(() => 'No policy text has been published yet.'),
  ]);
  return (
    <main className="mx-auto max-w-4xl overflow-auto p-8">
      <p className="text-xs font-semibold tracking-[0.3em] text-accent uppercase">RTCC · public transparency report</p>
      <h1 className="mt-1 text-2xl font-semibold">How this Real-Time Crime Center is used</h1>
      <p className="mt-2 text-sm text-ink-muted">
        Computed from the system&apos;s own records at <time dateTime={f.generatedAt}>{f.generatedAt}</time>. No personal data.
      </p>

      <section className="mt-8 grid gap-6 sm:grid-cols-2" data-testid="figures">
        <Table title="Data sources connected, by kind" rows={f.sourcesByKind} id="sources" />
        <Table title="Cameras, by owner" rows={f.camerasByOwner} id="cameras" />
        <Table
          title="Licence-plate reads"
          id="lpr"
          rows={[
            { label: 'Reads kept', count: f.lpr.kept },
            { label: 'Reads purged by retention', count: f.lpr.purged },
            { label: 'Retention runs', count: f.lpr.retentionRuns },
          ]}
        />
        <Table
          title="Agency-to-agency shares"
          id="shares"
          rows={[
            { label: 'Shares made', count: f.shares.total },
            { label: 'In force now', count: f.shares.active },
            { label: 'Revoked', count: f.shares.revoked },
          ]}
        />
        <Table title="Searches run, by stated purpose" rows={f.searchesByPurpose} id="searches" />
      </section>

      <section className="mt-8">
        <h2 className="text-lg font-semibold">Every agency with access</h2>
        <ul className="mt-2 text-sm" data-testid="agencies">
          {f.agencies.map((a) => (
            <li key={a.name} className="border-b border-line py-1">
              <span className="font-semibold" data-testid="agency-name">{a.name}</span>
              <span className="ml-2 text-ink-muted">{a.how.join('; ')}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="mt-8">
        <h2 className="text-lg font-semibold">Audit chain</h2>
        <p className="mt-2 text-sm">
          Latest entry: {f.auditHead ? `#${f.auditHead.id} at ${f.auditHead.at}` : 'none yet'}. Head hash:{' '}
          <code className="break-all" data-testid="audit-head">{f.auditHead?.hash ?? '—'}</code>
        </p>
        <p className="mt-1 text-xs text-ink-muted">
          Each audit entry includes the hash of the one before it. Save this value: if history is ever rewritten,
          the chain that leads to it will no longer match.
        </p>
      </section>

      <Checkpoints />

      <section className="mt-10 border-t border-line pt-6">
        <PolicyText source={policy} />
      </section>
    </main>
  );
}

function Table({ title, rows, id }: { title: string; rows: Count[]; id: string }) {
  return (
    <div>
      <h2 className="font-semibold">{title}</h2>
      <table className="mt-2 w-full text-sm" data-testid={id}>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td className="py-1 text-ink-muted">none</td>
              <td className="py-1 text-right tabular-nums">0</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.label} className="border-b border-line">
              <td className="py-1">{r.label}</td>
              <td className="py-1 text-right tabular-nums" data-label={r.label}>
                {r.count}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
