'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { OtpCodeInput } from './otp-code-input';

type Step = { kind: 'start' } | { kind: 'scan'; secret: string; otpauthUri: string } | { kind: 'done' };

/** Base32 in blocks of four, so it can be typed into an authenticator app without losing one's place. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * TOTP enrolment: POST /api/auth/mfa/enroll gives a fresh secret (pending), POST /api/auth/mfa/confirm with a first
 * code turns it on. No QR code (it would need a library): the otpauth:// link opens an authenticator on a phone or
 * desktop, and the secret can be typed in.
 */
export function MfaEnrolment({ username, required }: { username: string; required: boolean }) {
  const [step, setStep] = useState<Step>({ kind: 'start' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    setError(null);
    const res = await post('/api/auth/mfa/enroll', {});
    if (res.ok && typeof res.body.secret === 'string' && typeof res.body.otpauthUri === 'string') {
      setStep({ kind: 'scan', secret: res.body.secret, otpauthUri: res.body.otpauthUri });
    } else setError(res.error);
    setBusy(false);
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const code = String(new FormData(event.currentTarget).get('code') ?? '').replace(/\s/g, '');
    setBusy(true);
    setError(null);
    const res = await post('/api/auth/mfa/confirm', { code });
    if (res.ok) setStep({ kind: 'done' });
    else setError(res.error);
    setBusy(false);
  }

  if (step.kind === 'done') {
    return (
      <div data-testid="mfa-status" data-enabled="true" className="flex flex-col gap-3">
        <p role="status" className="font-semibold text-emerald-300">
          Two-factor sign-in is on for {username}.
        </p>
        <p className="text-sm text-ink-muted">From now on every sign-in asks for a code from your authenticator app.</p>
        {/* A full page load: the console layout reads the new MFA state from the session. */}
        <a href="/" className="self-start rounded-md bg-accent px-4 py-2 font-semibold text-canvas hover:bg-sky-300">
          Continue to the console
        </a>
      </div>
    );
  }

  const alert = error && (
    <p id="mfa-error" role="alert" className="rounded-md border border-danger/60 bg-danger/10 px-3 py-2 text-sm text-red-100">
      {error}
    </p>
  );

  if (step.kind === 'start') {
    return (
      <div className="flex flex-col gap-4">
        {required && (
          <p className="rounded-md border border-amber-400/50 bg-amber-400/10 px-3 py-2 text-sm text-amber-100">
            This agency requires two-factor sign-in. Set it up to continue to the console.
          </p>
        )}
        <p className="text-sm text-ink-muted">
          You will need an authenticator app (for example FreeOTP, Google Authenticator or a password manager) on a device
          you keep with you.
        </p>
        {alert}
        <Button size="lg" className="self-start" onClick={start} disabled={busy} aria-busy={busy}>
          {busy ? 'Starting…' : 'Set up an authenticator'}
        </Button>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">1. Add this account to your authenticator</h2>
        <p className="text-sm text-ink-muted">Open the link on the device with the app, or type the key in by hand (time-based, 6 digits).</p>
        <a href={step.otpauthUri} data-testid="mfa-otpauth" className="self-start text-sm break-all text-accent underline underline-offset-4">
          {step.otpauthUri}
        </a>
        <p className="mt-2 text-sm font-semibold" id="mfa-secret-label">
          Setup key
        </p>
        <code
          data-testid="mfa-secret"
          aria-labelledby="mfa-secret-label"
          className="self-start rounded-md border border-line bg-canvas px-3 py-2 font-mono text-lg tracking-wider break-all select-all"
        >
          {groupSecret(step.secret)}
        </code>
        <p className="text-xs text-ink-muted">Keep this key private: anyone who has it can make codes for your account.</p>
      </section>
      <form onSubmit={confirm} noValidate className="flex flex-col gap-2" aria-describedby={error ? 'mfa-error' : undefined}>
        <h2 className="font-semibold">2. Enter the code the app shows</h2>
        <label htmlFor="code" className="text-sm font-semibold">
          Authentication code
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <OtpCodeInput invalid={Boolean(error)} size="inline" />
          <Button type="submit" size="lg" disabled={busy} aria-busy={busy}>
            {busy ? 'Checking…' : 'Turn on two-factor sign-in'}
          </Button>
        </div>
        {alert}
      </form>
    </div>
  );
}

async function post(url: string, body: unknown): Promise<{ ok: boolean; body: Record<string, unknown>; error: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
    const json: unknown = await res.json().catch(() => null);
    const obj = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    const error = typeof obj.error === 'string' ? obj.error : `Request failed (HTTP ${res.status}).`;
    return { ok: res.ok, body: obj, error };
  } catch {
    return { ok: false, body: {}, error: 'Cannot reach the server. Check the network and try again.' };
  }
}
