'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';

const INPUT_CLASS = 'w-full rounded-md border border-line bg-canvas px-3 py-2 text-base text-ink aria-invalid:border-danger';

/** Current password, new one twice, against POST /api/account/password; then on to the console. */
export function PasswordChangeForm({ username }: { username: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get('new-password') ?? '');
    if (newPassword !== String(form.get('confirm-password') ?? '')) return setError('The two new passwords differ');
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/account/password', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ currentPassword: form.get('current-password'), newPassword }),
      });
      if (res.status === 204) {
        setDone(true);
        router.replace('/');
        router.refresh();
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { error?: string; issues?: { message: string }[] };
      setError(body.issues?.[0]?.message ?? body.error ?? `Not changed (${res.status})`);
    } catch {
      setError('Cannot reach the server. Check the network and try again.');
    }
    setBusy(false);
  }

  if (done) return <p data-testid="password-changed">Password changed. Opening the console…</p>;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Change password">
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Field id="current-password" label="Current password" autoComplete="current-password" />
      <Field id="new-password" label="New password" autoComplete="new-password" />
      <Field id="confirm-password" label="New password again" autoComplete="new-password" />
      {error && (
        <p role="alert" className="rounded-md border border-danger/60 bg-danger/10 px-3 py-2 text-sm text-red-100">
          {error}
        </p>
      )}
      <Button type="submit" disabled={busy} aria-busy={busy}>
        {busy ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}

function Field({ id, label, autoComplete }: { id: string; label: string; autoComplete: string }) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <input id={id} name={id} type="password" autoComplete={autoComplete} required minLength={id === 'current-password' ? 1 : 12} className={INPUT_CLASS} />
    </div>
  );
}
