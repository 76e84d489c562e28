import type { Metadata } from 'next';
import { connection } from 'next/server';
import { BackLink } from '@/components/ui/back-link';

export const metadata: Metadata = { title: 'Not found' };

/**
 * Every unknown address and every page a role may not see (requirePageUser answers 404). Rendered per request, not
 * prerendered: the strict CSP allows only scripts carrying this response's nonce, which a build-time page lacks.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-8 text-center" data-testid="not-found">
      <p className="text-xs font-semibold tracking-[0.3em] text-accent uppercase">RTCC · 404</p>
      <h1 className="text-2xl font-semibold">This page does not exist</h1>
      <p className="text-sm text-ink-muted">The address may be mistyped, or the page is not open to your role.</p>
      <BackLink />
    </main>
  );
}
