'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';

/** "Sign in with <agency directory>": a plain link, the server sends the browser on to the identity provider. */
export function OidcSignInLink({ displayName }: { displayName: string }) {
  return (
    <div className="mt-6 flex flex-col gap-3">
      <div className="flex items-center gap-3 text-xs text-ink-muted">
        <span className="h-px flex-1 bg-line" />or<span className="h-px flex-1 bg-line" />
      </div>
      <a
        href="/api/auth/oidc/start"
        className="inline-flex items-center justify-center rounded-md border border-line bg-panel-raised px-4 py-2 font-semibold text-ink hover:border-ink-muted"
      >
        Sign in with {displayName}
      </a>
    </div>
  );
}

/**
 * Second step of a directory sign-in when the provider did no multi-factor authentication and the user has our
 * TOTP: the code goes to /api/auth/oidc/mfa, which knows the user from a sealed, short-lived cookie.
 */
export function OidcCodeForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get('code') ?? '').replace(/\s/g, '');
    setBusy(true);
    setError(null);
    const res = await fetch('/api/auth/oidc/mfa', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }).catch(() => null);
    if (res?.ok) return router.replace('/');
    const body = res ? ((await res.json().catch(() => ({}))) as { error?: string }) : {};
    setError(body.error ?? 'Cannot reach the server. Check the network and try again.');
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Directory sign-in code">
      <label htmlFor="oidc-code" className="text-sm font-semibold">Authentication code</label>
      <p className="-mt-3 text-sm text-ink-muted">Your directory sign-in did not use a second factor: enter the 6-digit code from your authenticator app.</p>
      <input
        id="oidc-code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={7}
        required
        autoFocus
        className="w-full rounded-md border border-line bg-canvas px-3 py-2 font-mono text-base tracking-[0.4em] text-ink"
      />
      {error && <p role="alert" className="rounded-md border border-danger/60 bg-danger/10 px-3 py-2 text-sm text-red-100">{error}</p>}
      <Button type="submit" disabled={busy} size="lg">{busy ? 'Signing in…' : 'Verify and sign in'}</Button>
    </form>
  );
}
