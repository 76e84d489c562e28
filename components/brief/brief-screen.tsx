'use client';

import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { HlsPlayer } from '@/components/video/hls-player';
import { ZBriefView, type BriefClientToServer, type BriefServerToClient, type BriefView } from '@/lib/domain/brief';
import { BriefFacts } from './brief-facts';

const PRIORITY = ['border-danger text-danger', 'border-warn text-warn', 'border-accent text-accent', 'border-line text-ink-muted'];

/**
 * The responder's phone: one column, big type, the incident first (what, where, why), the way there, live video,
 * then what is known about the place. Kept live over the `/brief` socket (token in the handshake) until the
 * incident closes, when the page says so and the link stops working.
 */
export function BriefScreen({ token, initial }: { token: string; initial: BriefView }) {
  const [view, setView] = useState(initial);
  const [ended, setEnded] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [online, setOnline] = useState(false);

  useEffect(() => {
    const socket: Socket<BriefServerToClient, BriefClientToServer> = io('/brief', { auth: { token }, transports: ['websocket'] });
    socket.on('connect', () => setOnline(true));
    socket.on('disconnect', () => setOnline(false));
    socket.on('briefUpdate', (raw) => {
      const p = ZBriefView.safeParse(raw);
      if (!p.success) return;
      setView((v) => {
        if (p.data.version !== v.version) setUpdatedAt(new Date().toLocaleTimeString());
        return p.data;
      });
    });
    socket.on('briefEnded', ({ reason }) => {
      setEnded(reason);
      socket.close();
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'gone') {
        setEnded('This brief has ended');
        socket.close();
      }
    });
    return () => void socket.close();
  }, [token]);

  const i = view.incident;
  if (ended) {
    return (
      <main className="mx-auto max-w-md p-6" data-testid="brief-ended">
        <h1 className="text-xl font-semibold">Brief ended</h1>
        <p className="mt-2 text-ink-muted">{ended}. This link no longer works.</p>
      </main>
    );
  }
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-3 p-3 pb-10" data-testid="brief" data-version={view.version}>
      <header className={`rounded-md border-2 bg-panel p-3 ${PRIORITY[i.priority - 1]}`}>
        <p className="text-xs font-semibold tracking-wide uppercase">P{i.priority} · #{i.number} · brief for {view.brief.callSign}</p>
        <h1 className="mt-1 text-xl leading-tight font-bold text-ink" data-testid="brief-title">{i.title}</h1>
        <p className="mt-1 text-base text-ink" data-testid="brief-address">{i.address ?? 'No address'}</p>
        <p className="mt-1 text-xs text-ink-muted">
          {i.status} · {online ? 'live' : 'reconnecting…'}{updatedAt ? ` · updated ${updatedAt}` : ''} · link valid until {new Date(view.brief.expiresAt).toLocaleTimeString()}
        </p>
      </header>
      {i.reasons.length > 0 && (
        <ul className="rounded-md border border-line bg-panel p-3 text-sm" aria-label="Why this priority" data-testid="brief-reasons">
          {i.reasons.map((r) => <li key={r}>• {r}</li>)}
        </ul>
      )}
      <section aria-label="Map and route" className="rounded-md border border-line bg-panel p-2">
        {/* Our own SVG (lib/maps/snapshot-svg.ts escapes every text it writes). */}
        <div className="[&_svg]:h-auto [&_svg]:w-full" data-testid="brief-map" dangerouslySetInnerHTML={{ __html: view.mapSvg }} />
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          {view.unit?.distanceM != null && <span data-testid="brief-distance"><b>{(view.unit.distanceM / 1000).toFixed(1)} km</b> {view.unit.bearing} of {view.unit.callSign} (straight line)</span>}
          {view.navigateUrl && <a href={view.navigateUrl} className="ml-auto inline-flex min-h-11 items-center rounded bg-accent px-4 font-semibold text-canvas">Navigate</a>}
        </div>
      </section>
      {view.cameras.length > 0 && (
        <section aria-label="Live video" className="flex flex-col gap-2">
          {view.cameras.map((c) => (
            <HlsPlayer key={c.id} cameraId={c.id} name={`${c.name} · ${c.distanceM} m`} src={`/api/briefs/${encodeURIComponent(token)}/cameras/${c.id}/stream/_live.m3u8`} className="aspect-video w-full rounded" />
          ))}
        </section>
      )}
      <BriefFacts view={view} />
    </main>
  );
}
