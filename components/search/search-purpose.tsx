'use client';

import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { describePurpose, loadStoredPurpose, OFFENSE_TYPES, offenseLabel, storePurpose, toPurposeParam } from '@/lib/search/purpose-client';

const input = 'rounded border border-line bg-panel px-2 py-1';
const button = 'rounded bg-accent px-3 py-1 font-semibold text-black disabled:opacity-50';

/**
 * The tab's stated search purpose (sessionStorage), shared by the investigate page and the map rewind. `undefined`
 * until read after hydration, so the prompt never flashes up for a purpose already chosen.
 */
export function useSearchPurpose(): [string | null | undefined, (p: string | null) => void] {
  const purpose = useSyncExternalStore(subscribe, loadStoredPurpose, () => undefined);
  const set = (p: string | null) => {
    storePurpose(p);
    for (const fn of listeners) fn();
  };
  return [purpose, set];
}

// Every mounted picker (investigate page, map rewind prompt) follows a change made by any of them, or another tab.
const listeners = new Set<() => void>();
function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  window.addEventListener('storage', fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('storage', fn);
  };
}

/**
 * Asks why the search is run — an offense type from the standard list or a case number — before any search, and
 * shows the stated purpose afterwards with a way to change it. The server refuses searches without one anyway.
 */
export function SearchPurpose({ purpose, onChange }: { purpose: string | null | undefined; onChange: (p: string | null) => void }) {
  const [kind, setKind] = useState<'offense' | 'case'>('offense');
  const [error, setError] = useState<string | null>(null);

  if (purpose === undefined) return <div className="h-10" aria-busy="true" />;

  if (purpose) {
    return (
      <div className="flex items-center gap-3 rounded border border-line bg-panel px-3 py-2" data-testid="search-purpose">
        <span className="text-ink-muted">Purpose</span>
        <strong>{describePurpose(purpose)}</strong>
        <button type="button" className="text-accent underline" onClick={() => onChange(null)}>Change purpose</button>
      </div>
    );
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const p = kind === 'offense' ? toPurposeParam({ offense: String(f.get('offense') ?? '') }) : toPurposeParam({ caseNumber: String(f.get('caseNumber') ?? '') });
    if (!p) return setError(kind === 'offense' ? 'Choose an offense type' : 'Case number: 3–40 letters, digits, - / .');
    setError(null);
    onChange(p);
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded border border-accent/60 bg-panel px-3 py-2" aria-label="Search purpose">
      <p className="basis-full text-ink-muted">State why you are searching before you search. It is recorded with every query.</p>
      <fieldset className="flex gap-3">
        <label className="flex items-center gap-1"><input type="radio" name="kind" checked={kind === 'offense'} onChange={() => setKind('offense')} />Offense type</label>
        <label className="flex items-center gap-1"><input type="radio" name="kind" checked={kind === 'case'} onChange={() => setKind('case')} />Case number</label>
      </fieldset>
      {kind === 'offense' ? (
        <label className="flex flex-col">Offense type
          <select name="offense" required defaultValue="" className={input}>
            <option value="" disabled>Choose…</option>
            {OFFENSE_TYPES.map((o) => <option key={o} value={o}>{offenseLabel(o)}</option>)}
          </select>
        </label>
      ) : (
        <label className="flex flex-col">Case number<input name="caseNumber" required placeholder="2026-001234" className={input} /></label>
      )}
      <button className={button}>Set purpose</button>
      {error && <p role="alert" className="basis-full text-red-400">{error}</p>}
    </form>
  );
}
