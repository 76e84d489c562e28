'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useLiveStores } from '@/components/live/socket-provider';
import type { ShownNotice } from '@/components/live/notice-store';

const SHOW_MS = 20_000;
const MAX_TOASTS = 3;
const noticeKey = (n: ShownNotice) => `${n.ruleId}:${n.seq}`;
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function NoticeBody({ n, onOpen }: { n: ShownNotice; onOpen?: () => void }) {
  // No link to the incident the operator is already looking at.
  const pathname = usePathname();
  const href = n.incidentId ? `/incidents/${n.incidentId}` : null;
  return (
    <>
      <p className="text-sm font-semibold">{n.message}</p>
      <p className="mt-0.5 text-xs text-ink-muted" data-testid="notice-reason">
        {n.reason}
      </p>
      {href && href !== pathname && (
        <Link href={href} onClick={onOpen} className="mt-1 inline-block text-xs font-semibold text-accent hover:underline pointer-coarse:min-h-11">
          Open incident →
        </Link>
      )}
    </>
  );
}

/**
 * Rule `notify` actions on the operator's screen: a toast for each new notice (bottom centre: the queue's filters and
 * the incident page's action buttons are top right, priority-1 toasts bottom right) and a header button listing
 * this session's recent notices.
 */
export function RuleNotices() {
  const { notices } = useLiveStores();
  const list = useSyncExternalStore(notices.subscribe, notices.get, getEmpty);
  const [toasts, setToasts] = useState<ShownNotice[]>([]);
  const [open, setOpen] = useState(false);
  // The newest notice the operator has seen (the list was opened or closed after it): everything above it is unread.
  const [seenKey, setSeenKey] = useState<string | null>(() => (notices.get()[0] ? noticeKey(notices.get()[0]!) : null));

  useEffect(() => {
    let known = new Set(notices.get().map(noticeKey));
    return notices.subscribe(() => {
      const fresh = notices.get().filter((n) => !known.has(noticeKey(n)));
      known = new Set(notices.get().map(noticeKey));
      if (!fresh.length) return;
      setToasts((t) => [...fresh, ...t].slice(0, MAX_TOASTS));
      for (const n of fresh) setTimeout(() => setToasts((t) => t.filter((x) => noticeKey(x) !== noticeKey(n))), SHOW_MS);
    });
  }, [notices]);

  const seenAt = seenKey === null ? -1 : list.findIndex((n) => noticeKey(n) === seenKey);
  const unread = open ? 0 : seenAt === -1 ? list.length : seenAt;
  return (
    <div className="relative">
      <button
        type="button"
        onClick={() => {
          setOpen((o) => !o);
          setSeenKey(list[0] ? noticeKey(list[0]) : null);
        }}
        aria-expanded={open}
        data-testid="notices-button"
        title="Notices sent by rules to your role or agency"
        className={`rounded-full border px-3 py-1 text-sm font-semibold whitespace-nowrap pointer-coarse:min-h-11 ${unread ? 'border-warn text-warn' : 'border-line text-ink-muted'}`}
      >
        Notices{unread ? ` (${unread})` : ''}
      </button>
      {open && (
        <div role="dialog" aria-label="Rule notices" className="absolute top-full right-0 z-50 mt-1 max-h-[70vh] w-[380px] max-w-[calc(100vw-2rem)] overflow-auto rounded-md border border-line bg-panel-raised p-2 shadow-lg shadow-black/50">
          {list.length === 0 ? (
            <p className="p-2 text-sm text-ink-muted">No notices in this session.</p>
          ) : (
            <ul className="flex flex-col gap-2" data-testid="notice-list">
              {list.map((n) => (
                <li key={noticeKey(n)} className="rounded border border-line p-2">
                  <div className="text-xs font-semibold text-warn">
                    RULE · {n.ruleName} <span className="font-normal text-ink-muted">· {timeOf(n.receivedAt)}</span>
                  </div>
                  <NoticeBody n={n} onOpen={() => setOpen(false)} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {/* Wall workstations only: on a tablet the header button (with its unread count) is the notice; toasts covered the timeline. */}
      <div aria-live="polite" className="pointer-events-none fixed bottom-4 left-1/2 z-50 hidden xl:pointer-fine:flex w-[380px] max-w-[calc(100vw-2rem)] -translate-x-1/2 flex-col-reverse gap-2">
        {toasts.map((n) => (
          <div key={noticeKey(n)} role="status" data-testid="notice-toast" className="pointer-events-auto rounded-md border border-warn bg-panel-raised p-3 shadow-lg shadow-black/50">
            <div className="flex items-center gap-2 text-xs font-semibold text-warn">
              RULE · {n.ruleName}
              <button
                type="button"
                aria-label="Dismiss"
                className="ml-auto text-ink-muted hover:text-ink pointer-coarse:size-11"
                onClick={() => setToasts((t) => t.filter((x) => noticeKey(x) !== noticeKey(n)))}
              >
                ✕
              </button>
            </div>
            <NoticeBody n={n} onOpen={() => setToasts((t) => t.filter((x) => noticeKey(x) !== noticeKey(n)))} />
          </div>
        ))}
      </div>
    </div>
  );
}

const EMPTY: ShownNotice[] = [];
const getEmpty = () => EMPTY;
