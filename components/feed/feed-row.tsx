'use client';

import { memo } from 'react';
import { KIND_LABEL, type EventDto } from '@/lib/domain/event';
import { PriorityBadge } from '@/components/ui/badge';
import { KindSwatch } from '@/components/ui/kind-swatch';

/**
 * Every row has this height (3 lines, the address line kept even when empty): the feed places rows by index
 * instead of measuring them, and a batch changes no row's height, so the list never re-lays-out around them.
 * Keep in step with `h-16` below.
 */
export const FEED_ROW_PX = 64;

/** One feed row, memoised on the event object (the store reuses it from batch to batch). */
export const FeedRow = memo(function FeedRow({ event, index, total }: { event: EventDto; index: number; total: number }) {
  const occurred = new Date(event.occurredAt);
  return (
    <li
      data-testid="feed-item"
      data-seq={event.seq}
      data-kind={event.kind}
      aria-posinset={index + 1}
      aria-setsize={total}
      // Placed by transform: moving a row as newer events arrive re-composites it, no layout of its neighbours.
      style={{ transform: `translateY(${index * FEED_ROW_PX}px)` }}
      className="absolute inset-x-0 top-0 h-16 overflow-hidden border-b border-line/70 px-3 py-1.5 [contain:strict] hover:bg-panel-raised"
    >
      <div className="flex h-4 items-center gap-2 text-xs">
        <KindSwatch kind={event.kind} className="size-2.5" />
        <span className="font-semibold">{KIND_LABEL[event.kind]}</span>
        <PriorityBadge priority={event.priority} />
        <time dateTime={event.occurredAt} title={formatFull(occurred)} className="ml-auto text-ink-muted">
          {formatOccurred(occurred)}
        </time>
      </div>
      <p className="truncate text-sm leading-5 font-medium">{event.title ?? event.typeCode}</p>
      <p className="truncate text-xs leading-4 text-ink-muted">{event.address}</p>
    </li>
  );
});

let timeFormat: Intl.DateTimeFormat | undefined;
let dateTimeFormat: Intl.DateTimeFormat | undefined;

/** Date and time with seconds (the hover title); one formatter built once: creating them is costly. */
function formatFull(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  dateTimeFormat ??= new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return dateTimeFormat.format(date);
}

/**
 * Browser locale, with seconds. Replayed or late events can be days old: those get a date too, or
 * "10:02:13" would read as this morning.
 */
function formatOccurred(date: Date): string {
  if (Number.isNaN(date.getTime())) return '—';
  timeFormat ??= new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (date.toDateString() === new Date().toDateString()) return timeFormat.format(date);
  return formatFull(date);
}
