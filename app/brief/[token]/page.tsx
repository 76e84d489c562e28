import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { BriefScreen } from '@/components/brief/brief-screen';
import { buildBriefView } from '@/lib/briefs/brief-view';
import { openBrief } from '@/lib/briefs/open-brief';
import { Gone } from '@/lib/platform/errors/gone';
import { clientIp } from '@/lib/platform/http/request-meta';
import { runtime } from '@/lib/platform/runtime';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Responder brief', robots: { index: false, follow: false } };
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#04070d', colorScheme: 'dark' };

/** A responding unit's brief on a phone: no account; the link is the key, bound to the unit, every open audited. */
export default async function BriefPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { pool } = runtime();
  let view;
  try {
    view = await buildBriefView(pool, await openBrief(pool, token, clientIp(await headers()), 'page'));
  } catch (err) {
    if (err instanceof Gone) {
      return (
        <main className="mx-auto max-w-md p-6" data-testid="brief-gone">
          <h1 className="text-xl font-semibold">Brief no longer valid</h1>
          <p className="mt-2 text-ink-muted">{err.message}. Ask dispatch for a new one if you still need it.</p>
        </main>
      );
    }
    notFound();
  }
  return <BriefScreen token={token} initial={view} />;
}
