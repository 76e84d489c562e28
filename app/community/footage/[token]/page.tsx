import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { findRequestByToken, type FootageRequestRow } from '@/lib/evidence/community/footage-requests';
import { runtime } from '@/lib/platform/runtime';
import { OwnerActions } from './owner-actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Footage request', robots: { index: false, follow: false } };

/** The camera owner's page behind the e-mailed link: what is asked, approve or decline, then upload. */
export default async function FootageRequestPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let f: FootageRequestRow;
  try {
    f = await findRequestByToken(runtime().pool, token);
  } catch {
    notFound();
  }
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">Footage request</h1>
      <p className="mt-2">
        Hello {f.contact_name}, the agency asks for footage from <strong>{f.camera_name}</strong> between{' '}
        {f.from_at.toUTCString()} and {f.to_at.toUTCString()}.
      </p>
      <p className="mt-2 text-sm text-ink-muted">Reason: {f.reason}</p>
      <OwnerActions token={token} status={f.status} />
    </main>
  );
}
