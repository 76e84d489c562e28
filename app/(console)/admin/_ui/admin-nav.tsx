'use client';

import { usePathname } from 'next/navigation';

export interface AdminLink {
  href: string;
  label: string;
}

/** The admin sections; the current one is marked for the eye and for screen readers (aria-current). */
export function AdminNav({ links }: { links: AdminLink[] }) {
  const path = usePathname();
  return (
    <nav aria-label="Administration" className="flex w-56 shrink-0 flex-col gap-0.5 border-r border-line bg-panel p-3 max-md:hidden">
      <p className="mb-2 px-2 text-xs font-semibold tracking-[0.2em] text-ink-muted uppercase">Admin</p>
      {links.map((l) => {
        const current = l.href === '/admin' ? path === '/admin' : path.startsWith(l.href);
        return (
          <a
            key={l.href}
            href={l.href}
            aria-current={current ? 'page' : undefined}
            className={`rounded-md px-2 py-1.5 text-sm ${current ? 'bg-accent/15 font-semibold text-accent' : 'text-ink-muted hover:bg-line/40 hover:text-ink'}`}
          >
            {l.label}
          </a>
        );
      })}
    </nav>
  );
}
