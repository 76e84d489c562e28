'use client';

import { useState, type FormEvent } from 'react';

export function PasscodeForm({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const passcode = String(new FormData(e.currentTarget).get('passcode') ?? '');
    const res = await fetch(`/api/share/${encodeURIComponent(token)}/unlock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ passcode }),
    });
    setBusy(false);
    if (res.ok) window.location.reload();
    else setError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? 'Could not unlock');
  }
  return (
    <form onSubmit={submit} className="mt-6 flex flex-col gap-3">
      <label className="flex flex-col gap-1 text-sm">
        Passcode
        <input name="passcode" type="password" required autoComplete="off" className="rounded border border-line bg-panel px-3 py-2" />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-400">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className="rounded bg-accent px-4 py-2 font-semibold text-black disabled:opacity-50">
        Open
      </button>
    </form>
  );
}
