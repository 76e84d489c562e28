'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { UserAdminDto } from '@/lib/domain/user-admin';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { issuesFor, sendJson, type ApiResult } from '../_ui/api';
import { FieldError, FormError } from '../_ui/form-error';
import { SecretOnce } from '../_ui/secret-once';
import { INPUT, LABEL, PANEL } from '../_ui/styles';
import { UsersTable } from './users-table';

/** Create users, change roles, unlock, reset MFA, disable: each calls the API, then re-reads the server-rendered list. */
export function UsersManager({ users, roles, selfId }: { users: UserAdminDto[]; roles: string[]; selfId: string }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function settle(res: ApiResult<unknown>, done?: string): boolean {
    if (!res.ok) {
      setError({ message: res.error, issues: res.issues });
      setNotice(null);
      return false;
    }
    setError(null);
    setNotice(done ?? null);
    router.refresh();
    return true;
  }

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const body = { username: String(f.get('username') ?? ''), displayName: String(f.get('displayName') ?? ''), role: String(f.get('role') ?? '') };
    setBusy(true);
    const res = await sendJson<{ user: UserAdminDto; temporaryPassword: string }>('POST', '/api/admin/users', body);
    setBusy(false);
    if (!settle(res) || !res.ok) return;
    form.reset();
    setCreated({ username: res.data.user.username, password: res.data.temporaryPassword });
  }

  const act = {
    role: async (u: UserAdminDto, role: string) => settle(await sendJson('PATCH', `/api/admin/users/${u.id}`, { role }), `${u.username} is now ${role}.`),
    disabled: async (u: UserAdminDto, disabled: boolean) =>
      settle(await sendJson('PATCH', `/api/admin/users/${u.id}`, { disabled }), `${u.username} ${disabled ? 'disabled; their sessions ended' : 'enabled'}.`),
    unlock: async (u: UserAdminDto) => settle(await sendJson('POST', `/api/admin/users/${u.id}/unlock`), `${u.username} unlocked.`),
    resetPassword: async (u: UserAdminDto) => {
      const res = await sendJson<{ temporaryPassword: string }>('POST', `/api/admin/users/${u.id}/reset-password`);
      if (!settle(res, `${u.username}'s sessions ended; they must choose a new password at their next sign-in.`) || !res.ok) return false;
      setCreated({ username: u.username, password: res.data.temporaryPassword });
      return true;
    },
    resetMfa: async (u: UserAdminDto) =>
      settle(await sendJson('POST', `/api/admin/users/${u.id}/reset-mfa`), `Two-factor sign-in reset for ${u.username}; they enrol again at their next sign-in.`),
  };

  const issues = error?.issues ?? [];
  const field = (name: string) => issuesFor(issues, name);
  return (
    <div className="flex flex-col gap-5">
      <section className={PANEL} aria-labelledby="new-user">
        <h2 id="new-user" className="text-sm font-semibold">
          New user
        </h2>
        <form onSubmit={create} className="mt-3 flex flex-wrap items-start gap-4">
          <label className={LABEL}>
            Username
            <input name="username" required autoComplete="off" placeholder="jdoe" className={`${INPUT} w-56`} aria-invalid={field('username').length > 0} />
            <FieldError issues={field('username')} />
          </label>
          <label className={LABEL}>
            Display name
            <input name="displayName" required placeholder="Jane Doe" className={`${INPUT} w-64`} aria-invalid={field('displayName').length > 0} />
            <FieldError issues={field('displayName')} />
          </label>
          <label className={LABEL}>
            Role
            <select name="role" defaultValue="operator" className={`${INPUT} w-44`}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            <FieldError issues={field('role')} />
          </label>
          <Button type="submit" disabled={busy} className="mt-5">
            Create user
          </Button>
        </form>
        <div className="mt-3 flex flex-col gap-3">
          <FormError error={error?.message ?? null} issues={issues} id="user-error" />
          {notice && (
            <p role="status" className="text-sm text-emerald-300">
              {notice}
            </p>
          )}
          {created && (
            <SecretOnce
              testId="temp-password-once"
              label={`Temporary password for “${created.username}”. It is shown only this once.`}
              value={created.password}
              note="Give it to the user directly, never by e-mail. It must be changed at the first sign-in and expires unused after 72 hours (TEMP_PASSWORD_HOURS)."
              onDismiss={() => setCreated(null)}
            />
          )}
        </div>
      </section>
      <UsersTable users={users} roles={roles} selfId={selfId} act={act} />
    </div>
  );
}
