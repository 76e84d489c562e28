import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { ConnectionIndicator } from '@/components/live/connection-indicator';
import { SocketProvider } from '@/components/live/socket-provider';
import { IncidentToasts } from '@/components/queue/incident-toasts';
import { getCurrentUser } from '@/lib/auth/current-user';

/**
 * The auth gate for everything operational. Pages under it check again (see page.tsx): a layout
 * is not re-run on client navigation and does not stop its children from rendering.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect('/login');

  return (
    // One socket for the whole console: the header's indicator and the page's map and feed share it.
    <SocketProvider>
      <div className="flex h-dvh flex-col overflow-hidden">
        <header className="flex h-12 shrink-0 items-center gap-4 border-b border-line bg-panel px-4">
          <span className="text-lg font-bold tracking-[0.2em] text-accent">RTCC</span>
          <span className="truncate text-sm text-ink-muted" title="Agency">
            {user.agencyName}
          </span>
          <div className="ml-auto flex items-center gap-4 max-lg:gap-2">
            {/* A plain link in a new window: the wall usually runs on another screen. */}
            <a href="/wall" target="_blank" rel="noopener" className="rounded-full border border-line px-3 py-1 text-sm font-semibold whitespace-nowrap text-ink-muted hover:text-ink">
              <span className="max-lg:hidden">Video </span>wall ↗
            </a>
            <IncidentToasts />
            <ConnectionIndicator />
            <span className="text-sm">
              <span className="font-semibold">{user.displayName}</span>
              <span className="ml-2 text-ink-muted capitalize max-lg:hidden">{user.role}</span>
            </span>
            <SignOutButton />
          </div>
        </header>
        <main className="min-h-0 flex-1">{children}</main>
      </div>
    </SocketProvider>
  );
}
