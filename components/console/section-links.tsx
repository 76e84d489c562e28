'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

/**
 * The header's section links, as client navigations: the console layout (header, socket, live stores) stays, and
 * the way back to the live console finds its map and queue as they were when it is still mounted. On a wall
 * workstation they sit in a row; below 1280 px they fold into a native disclosure, closed again once a link has led
 * somewhere (a client navigation does not reload the page that would have closed it). `wallLink`: the menu also
 * holds the video wall's link below 1024 px, where the header drops its own; `accountHref`: and the account link
 * below 640 px.
 */
export function SectionLinks({ links, wallLink = false, accountHref }: { links: readonly { href: string; label: string }[]; wallLink?: boolean; accountHref?: string }) {
  const pathname = usePathname();
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  return (
    <>
      <nav aria-label="Sections" className="flex items-center gap-1 text-sm max-xl:hidden">
        <LinkItems links={links} className="inline-flex items-center rounded px-2 py-1 text-ink-muted hover:bg-line/40 hover:text-ink pointer-coarse:min-h-11" />
      </nav>
      <details ref={menu} className="relative text-sm xl:hidden">
        <summary className="flex min-h-11 cursor-pointer list-none items-center rounded border border-line px-3 whitespace-nowrap text-ink-muted">Sections ▾</summary>
        <nav aria-label="Sections" className="absolute top-full left-0 z-50 mt-1 flex w-44 flex-col rounded border border-line bg-panel-raised py-1 shadow-lg">
          <LinkItems links={links} className="flex min-h-11 items-center px-3 text-ink-muted hover:bg-line/40 hover:text-ink" />
          {/* Below 1024 px the header has no room for its own wall link (app/(console)/layout.tsx). */}
          {wallLink && (
            <a href="/wall" target="_blank" rel="noopener" className="flex min-h-11 items-center px-3 text-ink-muted hover:bg-line/40 hover:text-ink lg:hidden">
              Video wall ↗
            </a>
          )}
          {/* On a phone the header has no room for the account link (the user's name): it is here instead. */}
          {accountHref && (
            <a href={accountHref} className="flex min-h-11 items-center border-t border-line px-3 text-ink-muted hover:bg-line/40 hover:text-ink sm:hidden">
              Account
            </a>
          )}
        </nav>
      </details>
    </>
  );
}

function LinkItems({ links, className }: { links: readonly { href: string; label: string }[]; className: string }) {
  return links.map((n) => (
    <Link key={n.href} href={n.href} className={className}>
      {n.label}
    </Link>
  ));
}
