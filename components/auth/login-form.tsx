'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { OtpCodeInput } from './otp-code-input';

interface FieldIssue {
  path: string;
  message: string;
}

const INPUT_CLASS =
  'w-full rounded-md border border-line bg-canvas px-3 py-2 text-base text-ink placeholder:text-ink-muted aria-invalid:border-danger';

/**
 * Username + password against POST /api/auth/login. The session cookie is httpOnly and set by the
 * response, so nothing secret is kept in JS: on success we only navigate. A user with TOTP enrolled gets
 * `401 { mfaRequired: true }` first: the form then asks for the code and sends all three again.
 */
export function LoginForm() {
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [needCode, setNeedCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setSubmitting(true);
    setError(null);
    setIssues([]);
    try {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({
          username: form.get('username'),
          password: form.get('password'),
          ...(needCode ? { code: String(form.get('code') ?? '').replace(/\s/g, '') } : {}),
        }),
      });
      if (res.ok) {
        // A temporary password (new account, reset): choose one's own before anything else.
        const reply = (await res.json().catch(() => ({}))) as { mustChangePassword?: boolean };
        router.replace(reply.mustChangePassword ? '/account/password' : '/');
        // Stay disabled: the console is on its way and a second submit would only race it.
        return;
      }
      const body = await readError(res);
      if (body.mfaRequired && !needCode) {
        // Not a failure: the password was right and the second step begins.
        setNeedCode(true);
        setSubmitting(false);
        return;
      }
      setError(body.error);
      setIssues(body.issues);
      // A wrong or expired code: ready for the next one without reaching for the mouse.
      if (needCode) formEl.querySelector<HTMLInputElement>('#code')?.select();
    } catch {
      setError('Cannot reach the server. Check the network and try again.');
    }
    setSubmitting(false);
  }

  const issueFor = (field: string) => issues.find((issue) => issue.path === field)?.message;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-describedby={error ? 'login-error' : undefined}>
      <Field name="username" label="Username" autoComplete="username" issue={issueFor('username')} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" issue={issueFor('password')} />
      {needCode && <CodeField issue={issueFor('code')} />}
      {error && (
        <p id="login-error" role="alert" className="rounded-md border border-danger/60 bg-danger/10 px-3 py-2 text-sm text-red-100">
          {error}
        </p>
      )}
      <Button type="submit" disabled={submitting} aria-busy={submitting} size="lg" className="mt-2">
        {submitting ? 'Signing in…' : needCode ? 'Verify and sign in' : 'Sign in'}
      </Button>
    </form>
  );
}

function Field(props: { name: string; label: string; type?: string; autoComplete: string; issue?: string }) {
  const issueId = `${props.name}-issue`;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={props.name} className="text-sm font-semibold">
        {props.label}
      </label>
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        required
        spellCheck={false}
        autoCapitalize="none"
        aria-invalid={props.issue ? true : undefined}
        aria-describedby={props.issue ? issueId : undefined}
        className={INPUT_CLASS}
      />
      {props.issue && (
        <p id={issueId} className="text-sm text-red-200">
          {props.issue}
        </p>
      )}
    </div>
  );
}

/** The second step: a 6-digit TOTP code, focused as soon as it appears. */
function CodeField({ issue }: { issue?: string }) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor="code" className="text-sm font-semibold">
        Authentication code
      </label>
      <p id="code-hint" className="text-sm text-ink-muted">
        Enter the 6-digit code from your authenticator app.
      </p>
      <OtpCodeInput invalid={Boolean(issue)} describedBy={issue ? 'code-hint code-issue' : 'code-hint'} autoFocus size="field" />
      {issue && (
        <p id="code-issue" className="text-sm text-red-200">
          {issue}
        </p>
      )}
    </div>
  );
}

/** The API's `{ error, issues? }` body, with a message of our own when it sent none (proxy error page). */
async function readError(res: Response): Promise<{ error: string; issues: FieldIssue[]; mfaRequired: boolean }> {
  const body: unknown = await res.json().catch(() => null);
  const obj = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  let error = typeof obj.error === 'string' ? obj.error : `Sign-in failed (HTTP ${res.status}).`;
  if (res.status === 429) {
    const wait = Number(res.headers.get('retry-after'));
    if (Number.isFinite(wait) && wait > 0) error = `${error} Try again in ${Math.ceil(wait)} s.`;
  }
  const issues = Array.isArray(obj.issues) ? obj.issues.filter(isFieldIssue) : [];
  return { error, issues, mfaRequired: obj.mfaRequired === true };
}

function isFieldIssue(value: unknown): value is FieldIssue {
  if (typeof value !== 'object' || value === null) return false;
  const { path, message } = value as Record<string, unknown>;
  return typeof path === 'string' && typeof message === 'string';
}
