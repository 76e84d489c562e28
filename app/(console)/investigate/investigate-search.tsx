'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { EVENT_KINDS, KIND_LABEL } from '@/lib/domain/event';
import { PURPOSE_PARAM } from '@/lib/search/purpose-client';
import type { SearchEvent, SearchResult } from '@/lib/search/types';
import { SearchPurpose, useSearchPurpose } from '@/components/search/search-purpose';

const input = 'rounded border border-line bg-panel px-2 py-1';
const button = 'rounded bg-accent px-3 py-1 font-semibold text-black disabled:opacity-50';
const localNow = (offsetH: number) => new Date(Date.now() - offsetH * 3_600_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/**
 * Builds the query string the API and the CSV export share, with the stated purpose (the server refuses a search
 * without one). The area is a typed bbox until the map draws one.
 */
function toParams(f: FormData, purpose: string): URLSearchParams {
  const p = new URLSearchParams();
  const s = (k: string) => String(f.get(k) ?? '').trim();
  p.set('from', new Date(s('from')).toISOString());
  p.set('to', new Date(s('to')).toISOString());
  for (const k of ['bbox', 'q', 'plate', 'phone']) if (s(k)) p.set(k, s(k));
  p.set(PURPOSE_PARAM, purpose);
  const kinds = f.getAll('kinds').map(String);
  if (kinds.length) p.set('kinds', kinds.join(','));
  return p;
}

export function InvestigateSearch() {
  const router = useRouter();
  const [purpose, setPurpose] = useSearchPurpose();
  const [params, setParams] = useState<URLSearchParams | null>(null);
  const [events, setEvents] = useState<SearchEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);

  async function load(p: URLSearchParams, cursor: string | null) {
    const q = new URLSearchParams(p);
    if (cursor) q.set('cursor', cursor);
    const res = await fetch(`/api/search?${q}`);
    const body = (await res.json()) as SearchResult & { error?: string };
    if (!res.ok) return setError(body.error ?? 'Search failed');
    setError(null);
    setEvents((prev) => (cursor ? [...prev, ...body.events] : body.events));
    setNext(body.nextCursor);
  }
  async function search(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!purpose) return setError('State the purpose of the search first');
    const p = toParams(new FormData(e.currentTarget), purpose);
    setParams(p);
    setPicked(new Set());
    await load(p, null);
  }
  async function openCase() {
    const res = await fetch('/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Case from search ${new Date().toLocaleString()}`, eventSeqs: [...picked], searchRef: params?.toString().slice(0, 2000), purpose: params?.get(PURPOSE_PARAM) ?? purpose }),
    });
    const body = (await res.json()) as { case?: { id: string }; error?: string };
    if (res.ok && body.case) router.push(`/cases/${body.case.id}`);
    else setError(body.error ?? 'Could not open the case');
  }
  const toggle = (seq: string) => setPicked((s) => { const n = new Set(s); if (n.has(seq)) n.delete(seq); else n.add(seq); return n; });

  return (
    <div className="mt-4 flex flex-col gap-4 text-sm">
      <SearchPurpose purpose={purpose} onChange={(p) => { setPurpose(p); setParams(null); setEvents([]); setNext(null); }} />
      <form onSubmit={search} className={`flex flex-wrap items-end gap-3 ${purpose ? '' : 'opacity-50'}`} aria-label="Search">
        <fieldset disabled={!purpose} className="contents">
        <label className="flex flex-col">From<input name="from" type="datetime-local" required defaultValue={localNow(24)} className={input} /></label>
        <label className="flex flex-col">To<input name="to" type="datetime-local" required defaultValue={localNow(0)} className={input} /></label>
        <label className="flex flex-col">Area (w,s,e,n)<input name="bbox" placeholder="-122.42,37.77,-122.40,37.79" className={input} /></label>
        <label className="flex flex-col">Text<input name="q" placeholder="address, plate, phone" className={input} /></label>
        <label className="flex flex-col">Plate<input name="plate" className={`${input} w-28`} /></label>
        <label className="flex flex-col">Phone<input name="phone" className={`${input} w-32`} /></label>
        <fieldset className="flex flex-wrap gap-2">
          {EVENT_KINDS.map((k) => (
            <label key={k} className="flex items-center gap-1"><input type="checkbox" name="kinds" value={k} />{KIND_LABEL[k]}</label>
          ))}
        </fieldset>
        <button className={button}>Search</button>
        </fieldset>
      </form>
      {error && <p role="alert" className="text-red-400">{error}</p>}
      {params && (
        <div className="flex items-center gap-3">
          <span>{events.length} result(s){next ? '+' : ''}</span>
          <a className="text-accent underline" href={`/api/search/export.csv?${params}`}>Export CSV</a>
          <button className={button} disabled={picked.size === 0} onClick={openCase}>Open case from {picked.size} selected</button>
        </div>
      )}
      <table className="w-full text-left">
        <tbody>
          {events.map((e) => (
            <tr key={e.seq} className="border-b border-line/50" data-testid="search-row">
              <td><input type="checkbox" checked={picked.has(e.seq)} onChange={() => toggle(e.seq)} aria-label={`select ${e.seq}`} /></td>
              <td className="py-1">{new Date(e.occurredAt).toLocaleString()}</td>
              <td>{KIND_LABEL[e.kind]}</td>
              <td>{e.title ?? e.typeCode}</td>
              <td>{e.address ?? ''}</td>
              <td className="font-mono">{e.plate ?? e.callerNumber ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && params && <button className={button} onClick={() => load(params, next)}>Load more</button>}
    </div>
  );
}
