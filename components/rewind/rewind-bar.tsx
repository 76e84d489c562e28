'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { describePurpose, loadStoredPurpose } from '@/lib/search/purpose-client';
import { rewind, type Rewinding } from './rewind-controller';
import { chunkCount, chunkIndexAt, clockLabel, dayLabel, SPEEDS } from './rewind-math';
import { RewindStart } from './rewind-start';

/** Typing in a field must not play, pause or leave the replay. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['range', 'checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type);
}

/**
 * The map's time slider. Live: a "Rewind" button. Rewinding: an amber frame round the map and a banner with the
 * replayed clock ("REWIND hh:mm:ss") that cannot be mistaken for live, play/pause, speed, a scrubber and "Live".
 * Keyboard: Space plays/pauses, L goes live.
 */
export function RewindBar() {
  const state = useSyncExternalStore(rewind.store.subscribe, rewind.store.get, rewind.store.get);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || rewind.store.get().mode !== 'rewind') return;
      if (e.key === ' ') {
        e.preventDefault(); // a focused button would otherwise be clicked as well
        rewind.toggle();
      } else if (e.key === 'l' || e.key === 'L') {
        e.preventDefault();
        rewind.goLive();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // Leaving the console page (client navigation) must not leave the next visit in the past.
  useEffect(() => () => rewind.goLive(), []);

  if (state.mode === 'live') {
    return (
      <div className="pointer-events-none absolute top-3 left-3 z-10">
        <RewindStart />
      </div>
    );
  }
  return <Rewinding s={state} />;
}

function Rewinding({ s }: { s: Rewinding }) {
  const span = s.window.to - s.window.from;
  const purpose = loadStoredPurpose();
  // Progress through a long window (a backfill can span years): which half hour of how many is on screen.
  const part = `${(chunkIndexAt(s.window, s.cursor) + 1).toLocaleString('en-US')} of ${chunkCount(s.window).toLocaleString('en-US')}`;
  const status = s.error ?? (s.buffering ? `Loading history… (half hour ${part})` : null);
  return (
    <>
      {/* The frame: visible at the edge of the eye, whatever part of the map one looks at. */}
      <div aria-hidden="true" className="pointer-events-none absolute inset-0 z-10 border-4 border-warn" />
      <div className="absolute inset-x-3 top-3 z-10 mr-11 flex flex-col gap-2 rounded-md border border-warn/70 bg-panel/95 p-2 shadow-xl backdrop-blur-sm" data-testid="rewind-bar">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <p role="status" aria-live="off" data-testid="rewind-banner" className="rounded bg-warn px-2 py-0.5 font-mono text-lg font-bold tracking-wider text-black">
            REWIND {clockLabel(s.cursor)}
          </p>
          <span className="text-sm font-semibold">{dayLabel(s.cursor)}</span>
          <span className="text-sm text-ink-muted max-xl:hidden">Map shows the past (events of the 15 min before the clock). Live events keep arriving.</span>
          <button
            type="button"
            onClick={() => rewind.goLive()}
            className="ml-auto inline-flex items-center gap-2 rounded-full bg-ok px-4 py-1 text-sm font-bold text-black"
            title="Back to live (L)"
          >
            <span aria-hidden="true" className="size-2.5 rounded-full bg-black/70" />
            Live
          </button>
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
          <button
            type="button"
            onClick={() => rewind.toggle()}
            aria-label={s.playing ? 'Pause' : 'Play'}
            title="Play / pause (Space)"
            className="grid size-9 place-items-center rounded-full border border-warn text-lg text-warn"
          >
            {s.playing ? '❚❚' : '▶'}
          </button>
          <div role="group" aria-label="Replay speed" className="flex overflow-hidden rounded border border-line">
            {SPEEDS.map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={s.speed === v}
                onClick={() => rewind.setSpeed(v)}
                className={`px-2 py-1 font-semibold ${s.speed === v ? 'bg-warn text-black' : 'text-ink-muted hover:text-ink'}`}
              >
                {v}×
              </button>
            ))}
          </div>
          <label className="flex min-w-[220px] flex-1 items-center gap-2">
            <span className="font-mono text-xs text-ink-muted">{clockLabel(s.window.from)}</span>
            <input
              type="range"
              aria-label="Replay time"
              data-from={s.window.from}
              aria-valuetext={`${dayLabel(s.cursor)} ${clockLabel(s.cursor)}`}
              min={0}
              max={span}
              step={1000}
              value={Math.round(s.cursor - s.window.from)}
              onChange={(e) => rewind.seek(s.window.from + Number(e.target.value))}
              className="flex-1 accent-amber-400"
            />
            <span className="font-mono text-xs text-ink-muted">{clockLabel(s.window.to)}</span>
          </label>
        </div>
        {(status || purpose) && (
          <p className="flex flex-wrap gap-x-4 text-xs text-ink-muted">
            {purpose && <span>Purpose: {describePurpose(purpose)}</span>}
            {status && <span role={s.error ? 'alert' : undefined} className={s.error ? 'text-danger' : 'text-warn'}>{status}</span>}
          </p>
        )}
      </div>
    </>
  );
}
