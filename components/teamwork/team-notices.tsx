'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useLiveStores } from '@/components/live/socket-provider';
import { useNotices } from '@/components/presence/use-presence';
import type { TeamNotice } from '@/lib/domain/teamwork';
import { time } from './team-api';

const HEAD: Record<TeamNotice['kind'], string> = { mention: 'MENTIONED', assignment: 'ASSIGNED TO YOU', handoff: 'HANDED OFF TO YOU' };

/**
 * Mentions, assignments and hand-offs addressed to this user: a header button that lights up with a count and
 * opens the list on demand (never a toast over the page: on a tablet that covered the timeline).
 */
export function TeamNotices() {
  const { presence } = useLiveStores();
  const notices = useNotices();
  const [open, setOpen] = useState(false);
  if (!notices.length) return null;
  return (
    <div className="relative">
      <button
        type="button"
        data-testid="team-notices-button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="rounded-full border border-accent px-3 py-1 text-sm font-semibold whitespace-nowrap text-accent pointer-coarse:min-h-11"
      >
        For you ({notices.length})
      </button>
      {open && (
        <div role="dialog" aria-label="Mentions and hand-offs" className="absolute top-full right-0 z-50 mt-1 max-h-[70vh] w-[360px] max-w-[calc(100vw-2rem)] overflow-auto rounded-md border border-line bg-panel-raised p-2 shadow-lg shadow-black/50">
          <ul className="flex flex-col gap-2" data-testid="team-notice-list">
            {notices.map((n) => (
              <li key={n.at} className="rounded border border-line p-2 text-sm" data-testid="team-notice" data-kind={n.kind}>
                <div className="flex items-center gap-2 text-xs font-semibold text-accent">
                  {HEAD[n.kind]}{n.count && n.count > 1 ? ` · ${n.count} incidents` : ''}
                  <span className="font-normal text-ink-muted">· {n.from} · {time(n.at)}</span>
                  <button type="button" aria-label="Dismiss" className="ml-auto size-8 text-ink-muted pointer-coarse:size-11" onClick={() => presence.dismissNotice(n.at)}>✕</button>
                </div>
                <p className="mt-1 break-words">{n.text}</p>
                {n.incidentId && (
                  <Link href={`/incidents/${n.incidentId}`} onClick={() => setOpen(false)} className="mt-1 inline-flex text-xs font-semibold text-accent hover:underline pointer-coarse:min-h-11 pointer-coarse:items-center">
                    Open incident #{n.incidentNumber} →
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
