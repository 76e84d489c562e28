'use client';

import { useState, type FormEvent } from 'react';

const CONSENTS = [
  ['location_only', 'Location only: the agency knows a camera is here'],
  ['footage_on_request', 'Footage on request: the agency may ask me for recordings'],
  ['live_on_alarm', 'Live on alarm: live view during an emergency nearby'],
] as const;

export function RegisterForm({ agency }: { agency: string }) {
  const [state, setState] = useState<{ ok?: boolean; error?: string; busy?: boolean }>({});
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    setState({ busy: true });
    const res = await fetch('/api/community/cameras', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        agency,
        name: s('name'),
        lat: Number(s('lat')),
        lon: Number(s('lon')),
        contactName: s('contactName'),
        contactEmail: s('contactEmail'),
        ...(s('contactPhone') ? { contactPhone: s('contactPhone') } : {}),
        consent: s('consent'),
        website: s('website'),
      }),
    });
    if (res.ok) setState({ ok: true });
    else setState({ error: ((await res.json().catch(() => ({}))) as { error?: string }).error ?? 'Registration failed' });
  }
  if (state.ok) return <p className="mt-6 rounded border border-line p-4" role="status">Thank you: the agency will review your registration.</p>;
  const input = 'rounded border border-line bg-panel px-3 py-2';
  return (
    <form onSubmit={submit} className="mt-6 flex flex-col gap-3 text-sm">
      <label className="flex flex-col gap-1">Camera / business name<input name="name" required minLength={3} className={input} /></label>
      <div className="flex gap-3">
        <label className="flex flex-1 flex-col gap-1">Latitude<input name="lat" required inputMode="decimal" className={input} /></label>
        <label className="flex flex-1 flex-col gap-1">Longitude<input name="lon" required inputMode="decimal" className={input} /></label>
      </div>
      <label className="flex flex-col gap-1">Your name<input name="contactName" required className={input} /></label>
      <label className="flex flex-col gap-1">E-mail<input name="contactEmail" type="email" required className={input} /></label>
      <label className="flex flex-col gap-1">Phone (optional)<input name="contactPhone" type="tel" className={input} /></label>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1">What may the agency do?</legend>
        {CONSENTS.map(([v, label], i) => (
          <label key={v} className="flex items-center gap-2">
            <input type="radio" name="consent" value={v} defaultChecked={i === 0} /> {label}
          </label>
        ))}
      </fieldset>
      {/* Honeypot: invisible to people, tempting to bots. */}
      <input name="website" tabIndex={-1} autoComplete="off" aria-hidden className="absolute -left-[9999px]" />
      {state.error && <p role="alert" className="text-red-400">{state.error}</p>}
      <button type="submit" disabled={state.busy} className="rounded bg-accent px-4 py-2 font-semibold text-black disabled:opacity-50">
        Register
      </button>
    </form>
  );
}
