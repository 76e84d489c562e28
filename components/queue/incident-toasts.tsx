'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { IncidentDto } from '@/lib/domain/incident';
import { useLiveStores } from '@/components/live/socket-provider';
import { priorityOf } from './priority';

const SHOW_MS = 20_000;
const MAX_TOASTS = 4;
const SOUND_KEY = 'rtcc.p1-sound';

/**
 * A toast for each NEW priority-1 incident (bottom right, clear of the header and action buttons) (never for the snapshot after a reconnect), with an optional tone,
 * on wall workstations (≥ 1280 px, mouse); tablets list them under a header button instead, so nothing covers the page;
 * off by default: a control room decides for itself whether consoles beep.
 */
export function IncidentToasts() {
  const { incidents } = useLiveStores();
  const [toasts, setToasts] = useState<IncidentDto[]>([]);
  // Tablets get no toasts over the page (they covered the incident timeline): a header list of the newest P1s instead.
  const [recent, setRecent] = useState<IncidentDto[]>([]);
  const [listOpen, setListOpen] = useState(false);
  const [sound, setSound] = useState(false);
  // The operator already looking at an incident needs no toast for it (and it must not cover its buttons).
  const pathname = usePathname();
  const shown = toasts.filter((i) => pathname !== `/incidents/${i.id}`);

  useEffect(() => {
    // Read after mount: localStorage does not exist during the server render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSound(window.localStorage.getItem(SOUND_KEY) === '1');
  }, []);

  useEffect(() => {
    return incidents.onNew((fresh) => {
      const p1 = fresh.filter((i) => priorityOf(i.score) === 1);
      if (!p1.length) return;
      setToasts((t) => [...p1, ...t].slice(0, MAX_TOASTS));
      setRecent((r) => [...p1, ...r].slice(0, MAX_TOASTS));
      if (window.localStorage.getItem(SOUND_KEY) === '1') beep();
      for (const i of p1) setTimeout(() => setToasts((t) => t.filter((x) => x.id !== i.id)), SHOW_MS);
    });
  }, [incidents]);

  const toggleSound = () => {
    const next = !sound;
    setSound(next);
    window.localStorage.setItem(SOUND_KEY, next ? '1' : '0');
    if (next) beep();
  };

  return (
    <>
      <button
        type="button"
        onClick={toggleSound}
        aria-pressed={sound}
        title="Play a tone for new priority-1 incidents"
        className="rounded-full border border-line bg-panel-raised px-3 py-1 text-sm font-semibold whitespace-nowrap text-ink-muted pointer-coarse:min-h-11"
      >
        <span className="max-xl:hidden">P1 </span>sound {sound ? 'on' : 'off'}
      </button>
      {recent.length > 0 && (
        <div className="relative xl:pointer-fine:hidden">
          <button
            type="button"
            aria-expanded={listOpen}
            data-testid="p1-list-button"
            onClick={() => setListOpen((o) => !o)}
            className="min-h-11 rounded-full border border-danger px-3 text-sm font-semibold whitespace-nowrap text-danger"
          >
            P1 ({recent.length})
          </button>
          {listOpen && (
            <ul aria-label="New priority-1 incidents" className="absolute top-full right-0 z-50 mt-1 flex w-[320px] max-w-[calc(100vw-2rem)] flex-col gap-1 rounded-md border border-line bg-panel-raised p-2 shadow-lg shadow-black/50">
              {recent.map((i) => (
                <li key={i.id}>
                  <Link href={`/incidents/${i.id}`} onClick={() => setListOpen(false)} className="flex min-h-11 flex-col justify-center rounded px-2 text-sm hover:bg-line/40">
                    <span className="text-xs font-semibold text-danger">#{i.number}</span>
                    <span className="truncate">{i.title}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div aria-live="assertive" className="pointer-events-none fixed right-4 bottom-4 z-50 hidden xl:pointer-fine:flex w-[380px] max-w-[calc(100vw-2rem)] flex-col-reverse gap-2">
        {shown.map((i) => (
          <div
            key={i.id}
            role="alert"
            data-testid="p1-toast"
            className="pointer-events-auto rounded-md border border-danger bg-panel-raised p-3 shadow-lg shadow-black/50"
          >
            <div className="flex items-center gap-2 text-xs font-semibold text-danger">
              NEW PRIORITY 1 · #{i.number}
              <button
                type="button"
                aria-label="Dismiss"
                className="ml-auto text-ink-muted hover:text-ink pointer-coarse:size-11"
                onClick={() => setToasts((t) => t.filter((x) => x.id !== i.id))}
              >
                ✕
              </button>
            </div>
            <Link href={`/incidents/${i.id}`} className="mt-1 block text-sm font-semibold hover:underline pointer-coarse:flex pointer-coarse:min-h-11 pointer-coarse:items-center">
              {i.title}
            </Link>
            {i.reasons[0] && <p className="mt-0.5 truncate text-xs text-ink-muted">{i.reasons[0].text}</p>}
          </div>
        ))}
      </div>
    </>
  );
}

let audio: AudioContext | null = null;

/** Two short tones from WebAudio: no audio file to ship, works air-gapped. */
function beep(): void {
  try {
    audio ??= new AudioContext();
    const t = audio.currentTime;
    for (const [i, f] of [880, 660].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = f;
      gain.gain.setValueAtTime(0.2, t + i * 0.2);
      gain.gain.exponentialRampToValueAtTime(0.001, t + i * 0.2 + 0.18);
      osc.connect(gain).connect(audio.destination);
      osc.start(t + i * 0.2);
      osc.stop(t + i * 0.2 + 0.2);
    }
  } catch {
    // No audio device (kiosk without speakers): the toast alone must do.
  }
}
