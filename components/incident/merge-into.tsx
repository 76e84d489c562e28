'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useIncidentStore } from '@/components/live/socket-provider';
import { mergeIncidentInto } from '@/components/queue/incident-actions';
import { formatAge, priorityOf } from '@/components/queue/priority';
import { PriorityBadge } from '@/components/ui/badge';
import { Modal } from '@/components/ui/modal';
import { distanceM } from '@/lib/correlate/geo';
import type { IncidentDto } from '@/lib/domain/incident';

const SHOWN = 8;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BTN = 'min-h-11 rounded border border-line bg-panel-raised px-3 text-sm font-semibold hover:border-ink-muted disabled:opacity-50';

type Candidate = { incident: IncidentDto; meters: number | null };

/** Open incidents this one could be merged into: the nearest first, or those matching the words typed. */
function candidates(self: IncidentDto, all: readonly IncidentDto[], query: string): Candidate[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const here = self.lat !== null && self.lon !== null ? { lat: self.lat, lon: self.lon } : null;
  const out: Candidate[] = [];
  for (const i of all) {
    // A partner agency's shared incident cannot take this one's events (the route refuses it): not offered.
    if (i.id === self.id || (self.agencyId && i.agencyId && i.agencyId !== self.agencyId)) continue;
    const text = `${i.number} ${i.title} ${i.address ?? ''} ${i.typeCode} ${i.id}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    out.push({ incident: i, meters: here && i.lat !== null && i.lon !== null ? distanceM(here, { lat: i.lat, lon: i.lon }) : null });
  }
  out.sort((a, b) => (a.meters ?? Infinity) - (b.meters ?? Infinity) || b.incident.score - a.incident.score);
  return out.slice(0, SHOWN);
}

const far = (m: number | null) => (m === null ? 'no location' : m < 1000 ? `${Math.round(m)} m away` : `${(m / 1000).toFixed(1)} km away`);

/**
 * "Merge into…": the operator says this incident is the same situation as another open one. Pick it (nearest
 * first, or search by number, title, address or id), confirm, and this incident closes as merged into it; the
 * console then opens the survivor. The queue follows from the server's push.
 */
export function MergeInto({ incident, disabled }: { incident: IncidentDto; disabled: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState<Candidate | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [nowMs, setNowMs] = useState(0);
  const sorted = useIncidentStore((s) => s.sorted);
  const list = useMemo(() => (open ? candidates(incident, sorted, query) : []), [open, incident, sorted, query]);
  const typedId = query.trim();
  const byId = UUID.test(typedId) && typedId !== incident.id && !list.some((c) => c.incident.id === typedId);

  const close = () => {
    setOpen(false);
    setTarget(null);
    setError('');
    setNote('');
    setQuery('');
  };
  const confirm = async () => {
    if (!target) return;
    setBusy(true);
    setError('');
    const err = await mergeIncidentInto(incident.id, target.incident.id, note.trim() || undefined);
    setBusy(false);
    if (err) return setError(err);
    close();
    router.push(`/incidents/${target.incident.id}`);
  };
  const pickById = () => setTarget({ incident: { ...incident, id: typedId, number: typedId, title: 'Incident by id', address: null, reasons: [] }, meters: null });

  return (
    <>
      <button type="button" className={BTN} disabled={disabled} onClick={() => (setNowMs(Date.now()), setOpen(true))}>
        Merge into…
      </button>
      <Modal open={open} onClose={close} title={`Merge #${incident.number} into another incident`} testId="merge-dialog">
        {!target ? (
          <div className="space-y-3">
            <label className="block text-sm">
              <span className="text-ink-muted">Number, title, address or id</span>
              <input
                autoFocus
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                className="mt-1 block min-h-11 w-full rounded border border-line bg-canvas px-2 text-sm"
              />
            </label>
            <ul className="space-y-1" data-testid="merge-candidates" aria-label="Open incidents, nearest first">
              {list.map((c) => (
                <li key={c.incident.id}>
                  <button
                    type="button"
                    data-testid="merge-candidate"
                    data-incident-id={c.incident.id}
                    onClick={() => setTarget(c)}
                    className="flex min-h-11 w-full items-center gap-2 rounded border border-line bg-panel-raised px-2 py-1 text-left text-sm hover:border-accent"
                  >
                    <PriorityBadge priority={priorityOf(c.incident.score)} />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium">{c.incident.title}</span>
                      <span className="block truncate text-xs text-ink-muted tabular">
                        #{c.incident.number} · {c.incident.address ?? 'no address'} · open {formatAge(c.incident.openedAt, nowMs)}
                      </span>
                    </span>
                    <span className="shrink-0 text-xs text-ink-muted tabular">{far(c.meters)}</span>
                  </button>
                </li>
              ))}
              {byId && (
                <li>
                  <button type="button" onClick={pickById} className="min-h-11 w-full rounded border border-line bg-panel-raised px-2 text-left text-sm hover:border-accent">
                    Incident with id {typedId}
                  </button>
                </li>
              )}
            </ul>
            {list.length === 0 && !byId && <p className="text-sm text-ink-muted">No other open incident matches.</p>}
            <div className="flex justify-end">
              <button type="button" className={BTN} onClick={close}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div className="space-y-3 text-sm">
            <p>
              Merge <strong>#{incident.number}</strong> {incident.title} into <strong>#{target.incident.number}</strong> {target.incident.title}
              {target.meters !== null && ` (${far(target.meters)})`}?
            </p>
            <p className="text-ink-muted">
              This incident closes as merged; its events and units move to #{target.incident.number}. The correlator keeps them together from now on.
            </p>
            <label className="block">
              <span className="text-ink-muted">Note for the history (optional)</span>
              <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} className="mt-1 block min-h-11 w-full rounded border border-line bg-canvas px-2" />
            </label>
            {error && (
              <p role="alert" className="rounded border border-danger px-2 py-1 text-danger" data-testid="merge-error">
                Merge failed: {error}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <button type="button" className={BTN} disabled={busy} onClick={() => setTarget(null)}>
                Back
              </button>
              <button type="button" className={`${BTN} border-accent`} disabled={busy} onClick={() => void confirm()}>
                Confirm merge
              </button>
            </div>
          </div>
        )}
      </Modal>
    </>
  );
}
