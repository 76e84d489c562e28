'use client';

import Link from 'next/link';
import { useState } from 'react';
import { splitEventsOut } from '@/components/queue/incident-actions';
import { Modal } from '@/components/ui/modal';
import { KIND_LABEL, ZEventKind } from '@/lib/domain/event';
import type { IncidentDetailDto } from '@/lib/domain/incident';

type TimelineEvent = IncidentDetailDto['events'][number];

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const kindLabel = (k: string) => {
  const kind = ZEventKind.safeParse(k);
  return kind.success ? KIND_LABEL[kind.data] : k;
};
const BTN = 'min-h-11 rounded border border-line bg-panel-raised px-3 text-sm font-semibold hover:border-ink-muted disabled:opacity-50';

/**
 * The linked events in the order things happened (the server sorts by occurred_at), each with why it joined.
 * With `canSplit`, "Split out…" lets the operator tick events that are another situation and move them to a new
 * incident (confirmed first; the correlator never joins the two again). The timeline itself follows the push.
 */
export function IncidentTimeline({ detail, canSplit }: { detail: IncidentDetailDto; canSplit: boolean }) {
  const [picking, setPicking] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [made, setMade] = useState<{ id: string; number: string } | null>(null);
  const events = detail.events;
  // Events that left meanwhile (another operator, a refetch) are no longer chosen.
  const picked = events.filter((e) => chosen.has(e.seq));
  const tooMany = picked.length >= events.length;

  const toggle = (seq: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  const stop = () => {
    setPicking(false);
    setChosen(new Set());
    setConfirming(false);
    setNote('');
    setError('');
  };
  const split = async () => {
    setBusy(true);
    setError('');
    const r = await splitEventsOut(detail.incident.id, picked.map((e) => e.seq), note.trim() || undefined);
    setBusy(false);
    if ('error' in r) return setError(r.error);
    stop();
    setMade({ id: r.incident.id, number: r.incident.number });
  };

  return (
    <section className="rounded border border-line p-3">
      <div className="mb-2 flex items-center gap-2">
        <h2 className="text-sm font-semibold tracking-wide uppercase">Timeline ({events.length})</h2>
        {canSplit && !picking && events.length > 1 && (
          <button type="button" className={`${BTN} ml-auto`} onClick={() => (setMade(null), setPicking(true))}>
            Split out…
          </button>
        )}
      </div>
      {made && (
        <p role="status" className="mb-2 rounded border border-ok px-2 py-1 text-sm" data-testid="split-done">
          Split into{' '}
          <Link href={`/incidents/${made.id}`} className="font-semibold underline pointer-coarse:inline-block pointer-coarse:min-h-11 pointer-coarse:content-center">
            #{made.number}
          </Link>
        </p>
      )}
      {picking && <p className="mb-2 text-xs text-ink-muted">Tick the events that are another situation; they move to a new incident.</p>}
      <ol className="space-y-2" data-testid="incident-timeline">
        {events.map((e) => (
          <li key={e.seq} className="border-l-2 border-line pl-2 text-sm" data-testid="timeline-event" data-seq={e.seq} data-kind={e.kind}>
            {picking ? (
              <label className="flex min-h-11 cursor-pointer items-start gap-2">
                <input type="checkbox" className="mt-1 size-5 shrink-0 accent-accent" checked={chosen.has(e.seq)} onChange={() => toggle(e.seq)} aria-label={`Split out ${kindLabel(e.kind)} ${e.title ?? e.typeCode}`} />
                <EventLines e={e} />
              </label>
            ) : (
              <EventLines e={e} />
            )}
          </li>
        ))}
      </ol>
      {picking && (
        <div className="sticky bottom-0 mt-2 flex flex-wrap items-center gap-2 bg-panel py-2">
          <button type="button" className={`${BTN} border-accent`} disabled={picked.length === 0 || tooMany} onClick={() => setConfirming(true)}>
            Split out {picked.length || ''} event{picked.length === 1 ? '' : 's'}
          </button>
          <button type="button" className={BTN} onClick={stop}>
            Cancel
          </button>
          {tooMany && <span className="text-xs text-warn">Leave at least one event in this incident.</span>}
        </div>
      )}
      <Modal open={confirming} onClose={() => setConfirming(false)} title={`Split ${picked.length} event${picked.length === 1 ? '' : 's'} out of #${detail.incident.number}`} testId="split-dialog">
        <div className="space-y-3 text-sm">
          <ul className="space-y-1">
            {picked.map((e) => (
              <li key={e.seq}>
                <span className="font-semibold">{kindLabel(e.kind)}</span> {time(e.occurredAt)} · {e.title ?? e.typeCode}
              </li>
            ))}
          </ul>
          <p className="text-ink-muted">They become a new incident. The correlator will not join the two again; merge them by hand if this was wrong.</p>
          <label className="block">
            <span className="text-ink-muted">Note for the history (optional)</span>
            <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} className="mt-1 block min-h-11 w-full rounded border border-line bg-canvas px-2" />
          </label>
          {error && (
            <p role="alert" className="rounded border border-danger px-2 py-1 text-danger" data-testid="split-error">
              Split failed: {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className={BTN} disabled={busy} onClick={() => setConfirming(false)}>
              Back
            </button>
            <button type="button" className={`${BTN} border-accent`} disabled={busy || picked.length === 0} onClick={() => void split()}>
              Confirm split
            </button>
          </div>
        </div>
      </Modal>
    </section>
  );
}

function EventLines({ e }: { e: TimelineEvent }) {
  return (
    <div className="min-w-0 flex-1">
      <div className="flex gap-2 text-xs text-ink-muted">
        <time dateTime={e.occurredAt}>{time(e.occurredAt)}</time>
        <span className="font-semibold text-ink">{kindLabel(e.kind)}</span>
        <span className="truncate">{e.typeCode}</span>
      </div>
      <p className="truncate">{e.title ?? e.typeCode}</p>
      <p className="text-xs text-ink-muted" data-testid="join-reason">
        {e.reason}
      </p>
    </div>
  );
}
