import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { listItems } from '@/lib/evidence/case-rows';
import { openShare, unlockCookieName, type OpenedShare } from '@/lib/evidence/share/open-share';
import { Gone } from '@/lib/platform/errors/gone';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';
import { PasscodeForm } from './passcode-form';
import { Watermark } from './watermark';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Shared evidence', robots: { index: false, follow: false } };

const fmtSize = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`);

/** The attorney's page: no account; the link (and passcode, if set) is the key, and every visit is logged. */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const jar = await cookies();
  const rt = runtime();
  let opened: OpenedShare;
  try {
    opened = await openShare(rt.pool, token, { cookieOf: (l) => jar.get(unlockCookieName(l))?.value ?? null }, clientIp(await headers()), 'page');
  } catch (err) {
    if (err instanceof Gone) {
      return (
        <main className="mx-auto max-w-xl p-8">
          <h1 className="text-xl font-semibold">Link no longer valid</h1>
          <p className="mt-2 text-ink-muted" data-testid="share-gone">
            {err.message}. Ask the agency for a new link.
          </p>
        </main>
      );
    }
    notFound();
  }
  const { link, locked } = opened;
  if (locked) {
    return (
      <main className="mx-auto max-w-md p-8">
        <h1 className="text-xl font-semibold">Shared evidence — case {link.case_number}</h1>
        <p className="mt-2 text-sm text-ink-muted">This link is protected by a passcode the agency gave you separately.</p>
        <PasscodeForm token={token} />
      </main>
    );
  }
  const items = await listItems(rt.pool, link.case_id);
  return (
    <main className="relative mx-auto min-h-dvh max-w-4xl p-8">
      <Watermark text={`${link.recipient_name} · case ${link.case_number}`} />
      <h1 className="text-2xl font-semibold">
        Case {link.case_number}: {link.case_title}
      </h1>
      <p className="mt-1 text-sm text-ink-muted">
        Shared with <strong data-testid="share-recipient">{link.recipient_name}</strong> until {link.expires_at.toUTCString()}. Your access is recorded in the case&apos;s chain of custody.
      </p>
      <a
        href={`/api/share/${token}/package.zip`}
        className="mt-6 inline-block rounded bg-accent px-4 py-2 font-semibold text-black"
        data-testid="download-package"
      >
        Download package (ZIP, {items.length} items)
      </a>
      <p className="mt-2 text-sm text-ink-muted">The package holds a README telling how to check every file with sha256sum.</p>
      <table className="mt-6 w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4 [&_td:nth-child(3)]:whitespace-nowrap">
        <thead>
          <tr className="border-b border-line">
            <th className="py-2">Item</th>
            <th>Type</th>
            <th>Size</th>
            <th>SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {items.map((it) => (
            <tr key={it.id} className="border-b border-line/50" data-testid="share-item">
              <td className="py-2">{it.title}</td>
              <td>{it.kind}</td>
              <td>{fmtSize(Number(it.size))}</td>
              <td className="font-mono text-xs break-all">{it.sha256}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
