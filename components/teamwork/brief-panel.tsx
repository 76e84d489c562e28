'use client';

import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { ZBriefSummary, ZCreatedBrief, type BriefSummary } from '@/lib/domain/brief';
import { BTN, INPUT, callApi, time } from './team-api';

const ZBriefs = z.object({ briefs: z.array(ZBriefSummary) });
const TTLS = [30, 60, 120, 240, 480];

/**
 * Send a responding unit a brief (a link for its phone, shown once here: the server keeps only its hash), and
 * revoke it. The unit's call sign is bound into the link and every audit row of its use.
 */
export function BriefPanel({ incidentId, units, disabled }: { incidentId: string; units: string[]; disabled: boolean }) {
  const [callSign, setCallSign] = useState('');
  const [ttl, setTtl] = useState(120);
  const [briefs, setBriefs] = useState<BriefSummary[]>([]);
  const [link, setLink] = useState<{ url: string; callSign: string } | null>(null);
  const [msg, setMsg] = useState('');

  const load = useCallback(async () => {
    const r = await callApi(`/api/incidents/${incidentId}/briefs`, { schema: ZBriefs });
    if (r.ok) setBriefs(r.data.briefs);
  }, [incidentId]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads the list once the panel shows
    void load();
  }, [load]);

  const send = async () => {
    const r = await callApi(`/api/incidents/${incidentId}/briefs`, { body: { callSign: callSign.trim(), ttlMinutes: ttl }, schema: ZCreatedBrief });
    if (!r.ok) return setMsg(r.error);
    setMsg('');
    setLink({ url: new URL(r.data.url, window.location.origin).href, callSign: r.data.brief.callSign });
    setCallSign('');
    void load();
  };
  const revoke = async (id: string) => {
    const r = await callApi(`/api/briefs/${id}/revoke`, { body: {} });
    setMsg(r.ok ? 'Brief revoked' : r.error);
    void load();
  };

  return (
    <section aria-labelledby={`brief-${incidentId}`} className="rounded border border-line bg-panel p-3">
      <h2 id={`brief-${incidentId}`} className="mb-2 text-sm font-semibold tracking-wide uppercase">Responder brief</h2>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (callSign.trim()) void send();
        }}
      >
        <label className="flex flex-col text-xs text-ink-muted">
          Unit
          <input list={`units-${incidentId}`} aria-label="Brief unit" className={`${INPUT} w-28 text-ink`} value={callSign} onChange={(e) => setCallSign(e.target.value)} disabled={disabled} />
          <datalist id={`units-${incidentId}`}>{units.map((u) => <option key={u} value={u} />)}</datalist>
        </label>
        <label className="flex flex-col text-xs text-ink-muted">
          Valid for
          <select aria-label="Brief valid for" className={`${INPUT} text-ink`} value={ttl} onChange={(e) => setTtl(Number(e.target.value))} disabled={disabled}>
            {TTLS.map((m) => <option key={m} value={m}>{m < 60 ? `${m} min` : `${m / 60} h`}</option>)}
          </select>
        </label>
        <button type="submit" className={BTN} disabled={disabled || !callSign.trim()}>Send brief</button>
      </form>
      {msg && <p role="status" className="mt-2 text-sm text-ink-muted">{msg}</p>}
      {link && (
        <div className="mt-2 rounded border border-accent p-2 text-sm" data-testid="brief-link">
          <p>Link for <b>{link.callSign}</b> (shown once; it dies when the incident closes):</p>
          <code className="block break-all select-all">{link.url}</code>
          <button type="button" className={`${BTN} mt-1`} onClick={() => void navigator.clipboard?.writeText(link.url)}>Copy link</button>
        </div>
      )}
      {briefs.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm" data-testid="briefs">
          {briefs.map((b) => (
            <li key={b.id} className="flex flex-wrap items-center gap-2">
              <b>{b.callSign}</b>
              <span className="text-ink-muted">
                sent {time(b.createdAt)} · {b.active ? `until ${time(b.expiresAt)}` : b.revokedAt ? 'revoked' : b.endedAt ? 'ended' : 'expired'}
                {b.lastOpenedAt ? ` · opened ${time(b.lastOpenedAt)}` : ' · not opened yet'}
              </span>
              {b.active && <button type="button" className={`${BTN} ml-auto`} onClick={() => void revoke(b.id)}>Revoke</button>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
