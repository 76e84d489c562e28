import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getCase } from '@/lib/evidence/get-case';
import type { CaseDetailDto } from '@/lib/evidence/types';
import { AppError } from '@/lib/platform/errors/app-error';
import { clientIp } from '@/lib/platform/http/request-meta';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';
import { CaseActions } from './case-actions';
import { ClipPlayer } from './clip-player';
import { RevokeShareButton } from './revoke-share-button';

export const dynamic = 'force-dynamic';

const fmtSize = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`);

/** A case: items (download verified against SHA-256), chain of custody, share links, and the actions. */
export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser('/cases/[id]');
  const { id } = await params;
  let c: CaseDetailDto;
  try {
    c = await getCase(runtime().pool, user, id, clientIp(await headers()));
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  return (
    <div className="h-full overflow-auto p-6">
      <h1 className="text-xl font-semibold">
        Case <span className="font-mono">{c.number}</span>: {c.title}
      </h1>
      <p className="text-sm text-ink-muted">{c.sourceRef ?? 'opened by hand'} · {c.status}</p>
      <CaseActions caseId={c.id} />
      <h2 className="mt-6 font-semibold">Evidence ({c.items.length})</h2>
      <table className="mt-2 w-full text-left text-sm">
        <tbody>
          {c.items.map((it) => (
            <tr key={it.id} className="border-b border-line/50" data-testid="item-row">
              <td className="py-1">{it.kind}</td>
              <td>
                <a className="text-accent underline" href={`/api/cases/${c.id}/items/${it.id}/download`}>{it.title}</a>
                {/* Chromium plays MP4 (fMP4 recordings) itself; MPEG-TS clips are downloaded and played in a desktop player. */}
                {it.mime === 'video/mp4' && <ClipPlayer href={`/api/cases/${c.id}/items/${it.id}/download`} sha256={it.sha256} title={it.title} />}
              </td>
              <td>{fmtSize(it.size)}</td>
              <td className="font-mono text-xs" title={it.sha256}>{it.sha256.slice(0, 16)}…</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mt-6 font-semibold">Share links</h2>
      <ul className="mt-2 text-sm">
        {c.shares.map((s) => (
          <li key={s.id}>
            {s.recipientName} {s.hasPasscode ? '(passcode)' : ''} — {s.revokedAt ? 'revoked' : `until ${new Date(s.expiresAt).toLocaleString()}`}
            {!s.revokedAt && new Date(s.expiresAt) > new Date() && <RevokeShareButton caseId={c.id} shareId={s.id} recipient={s.recipientName} />}
          </li>
        ))}
      </ul>
      <h2 className="mt-6 font-semibold">Chain of custody ({c.custody.length})</h2>
      <table className="mt-2 w-full text-left text-xs">
        <tbody>
          {c.custody.map((r) => (
            <tr key={r.id} className="border-b border-line/50" data-testid="custody-row">
              <td className="py-1">{new Date(r.at).toLocaleString()}</td>
              <td>{r.action}</td>
              <td>{r.actorName}</td>
              <td>{r.ip ?? ''}</td>
              <td className="font-mono" title={r.hash}>{r.hash.slice(0, 12)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
