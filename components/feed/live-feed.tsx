'use client';

import { useEventStore } from '@/components/live/socket-provider';
import type { EventStoreState } from '@/components/live/event-store';
import { FEED_ROW_PX, FeedRow } from './feed-row';
import { useVirtualWindow } from './use-virtual-window';

const selectFeed = (state: EventStoreState) => state.feed;

/**
 * The newest 200 events, newest first, virtualised: only the rows on screen (and a few either side) are in the
 * DOM. At 1,000 events a second every batch replaces the whole feed; mounting 200 rows for it cost ~30 ms of
 * script, style and layout per batch (npm run bench:map), a screenful costs a couple. The store notifies at most
 * once per animation frame, so this renders at most once per frame too.
 */
export function LiveFeed() {
  const feed = useEventStore(selectFeed);
  const { ref, start, end } = useVirtualWindow(FEED_ROW_PX, feed);
  const shown = feed.slice(start, end);
  return (
    <section aria-labelledby="live-feed-title" className="flex h-full min-h-0 flex-col">
      <header className="flex items-baseline justify-between border-b border-line px-3 py-2">
        <h2 id="live-feed-title" className="text-sm font-semibold tracking-wide uppercase">
          Live feed
        </h2>
        <span className="text-xs text-ink-muted tabular">{feed.length} latest</span>
      </header>
      {feed.length === 0 ? (
        <p className="p-4 text-sm text-ink-muted">Waiting for events…</p>
      ) : (
        // contain: strict — the list's size comes from the panel, never from its rows, so a batch's style and
        // layout work stops at this box instead of reaching the queue or the map beside it.
        <div ref={ref} className="min-h-0 flex-1 overflow-y-auto overscroll-contain [contain:strict]">
          <ol className="relative" style={{ height: feed.length * FEED_ROW_PX }}>
            {shown.map((event, i) => (
              // Keyed by position, not by seq: when a batch shifts every event down, each on-screen <li> stays where
              // it is and only its text changes, instead of a screenful of rows unmounted and mounted per batch.
              <FeedRow key={start + i} event={event} index={start + i} total={feed.length} />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
