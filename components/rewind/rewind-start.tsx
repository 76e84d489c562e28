'use client';

import { useState, type FormEvent } from 'react';
import { SearchPurpose, useSearchPurpose } from '@/components/search/search-purpose';
import { describePurpose } from '@/lib/search/purpose-client';
import { rewind } from './rewind-controller';
import { customWindow, HOUR, PRESETS, presetWindow } from './rewind-math';

/** `YYYY-MM-DDTHH:mm` in local time, as <input type="datetime-local"> reads and writes it. */
function toLocalInput(t: number): string {
  const d = new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/**
 * The way into rewind while live: a compact button that opens a small panel with the presets, a custom start and
 * (once per tab) the stated purpose. History is a search: the server refuses it without a purpose, and audits it.
 */
export function RewindStart() {
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useSearchPurpose();
  const [custom, setCustom] = useState(() => toLocalInput(Date.now() - 2 * HOUR));
  const [customEnd, setCustomEnd] = useState('');
  const [error, setError] = useState<string | null>(null);

  const go = (w: { from: number; to: number } | null) => {
    if (!purpose) return setError('State the purpose first');
    if (!w) return setError('The start must be in the past');
    setError(null);
    setOpen(false);
    rewind.start(w, purpose);
  };
  const submitCustom = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    go(customWindow(new Date(custom).getTime(), Date.now(), customEnd ? new Date(customEnd).getTime() : Date.now()));
  };

  return (
    <div className="pointer-events-auto">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="rounded-md border border-line bg-panel/90 px-3 py-1.5 text-sm font-semibold shadow-lg backdrop-blur-sm hover:border-warn hover:text-warn pointer-coarse:min-h-11"
      >
        {/* Drawn, not an emoji: a wall PC without an emoji font would show a box. */}
        <svg aria-hidden="true" viewBox="0 0 16 16" className="mr-1.5 inline size-3.5 align-[-2px] fill-current">
          <path d="M8 3v10L1 8zM15 3v10L8 8z" />
        </svg>
        Rewind
      </button>
      {open && (
        <div role="dialog" aria-label="Rewind the map" className="mt-2 w-[min(440px,calc(100vw-2rem))] space-y-3 rounded-md border border-line bg-panel p-3 text-sm shadow-xl">
          {purpose ? (
            <p className="text-ink-muted">
              Purpose: <strong className="text-ink">{describePurpose(purpose)}</strong>{' '}
              <button type="button" className="text-accent underline" onClick={() => setPurpose(null)}>change</button>
            </p>
          ) : (
            <SearchPurpose purpose={purpose} onChange={setPurpose} />
          )}
          <div className={`flex flex-wrap items-center gap-2 ${purpose ? '' : 'pointer-events-none opacity-40'}`}>
            <span className="text-ink-muted">Replay the last</span>
            {PRESETS.map((p) => (
              <button key={p.label} type="button" onClick={() => go(presetWindow(Date.now(), p.ms))} className="rounded border border-line bg-panel-raised px-3 py-1 font-semibold hover:border-warn">
                {p.label}
              </button>
            ))}
          </div>
          <form onSubmit={submitCustom} className={`flex flex-wrap items-end gap-2 ${purpose ? '' : 'pointer-events-none opacity-40'}`}>
            <label className="flex flex-col text-ink-muted">
              Or from (any date the data covers)
              <input type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} className="rounded border border-line bg-canvas px-2 py-1 text-ink" />
            </label>
            <label className="flex flex-col text-ink-muted">
              to (blank: now)
              <input type="datetime-local" aria-label="Replay until" value={customEnd} onChange={(e) => setCustomEnd(e.target.value)} className="rounded border border-line bg-canvas px-2 py-1 text-ink" />
            </label>
            <button className="rounded bg-warn px-3 py-1 font-semibold text-black">Replay from here</button>
          </form>
          {error && <p role="alert" className="text-danger">{error}</p>}
          <p className="text-xs text-ink-muted">Space plays or pauses, L returns to live. Live events keep arriving meanwhile.</p>
        </div>
      )}
    </div>
  );
}
