'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { UserAdminDto } from '@/lib/domain/user-admin';
import { AdminPanel } from '../_ui/admin-panel';
import type { ApiResult } from '../_ui/api';
import { SelectField, TextField } from '../_ui/fields';
import { FormError } from '../_ui/form-error';
import { SecretOnce } from '../_ui/secret-once';
import { useAdminApi } from '../_ui/use-admin-api';
import { UsersTable } from './users-table';

/** Create users, change roles, unlock, reset MFA, disable: each calls the API, then re-reads the server-rendered list. */
export function UsersManager({ users, roles, selfId }: { users: UserAdminDto[]; roles: string[]; selfId: string }) {
  const { send, error, issues, busy } = useAdminApi();
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  /** Send; on success say `done` (or nothing), on failure the form shows the error. */
  async function call<T>(method: 'POST' | 'PATCH', url: string, body?: unknown, done?: string): Promise<ApiResult<T>> {
    const res = await send<T>(method, url, body);
    setNotice(res.ok ? (done ?? null) : null);
    return res;
  }

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const body = { username: String(f.get('username') ?? ''), displayName: String(f.get('displayName') ?? ''), role: String(f.get('role') ?? '') };
    const res = await call<{ user: UserAdminDto; temporaryPassword: string }>('POST', '/api/admin/users', body);
    if (!res.ok) return;
    form.reset();
    setCreated({ username: res.data.user.username, password: res.data.temporaryPassword });
  }

  const act = {
    role: async (u: UserAdminDto, role: string) => (await call('PATCH', `/api/admin/users/${u.id}`, { role }, `${u.username} is now ${role}.`)).ok,
    disabled: async (u: UserAdminDto, disabled: boolean) =>
      (await call('PATCH', `/api/admin/users/${u.id}`, { disabled }, `${u.username} ${disabled ? 'disabled; their sessions ended' : 'enabled'}.`)).ok,
    unlock: async (u: UserAdminDto) => (await call('POST', `/api/admin/users/${u.id}/unlock`, undefined, `${u.username} unlocked.`)).ok,
    resetPassword: async (u: UserAdminDto) => {
      const done = `${u.username}'s sessions ended; they must choose a new password at their next sign-in.`;
      const res = await call<{ temporaryPassword: string }>('POST', `/api/admin/users/${u.id}/reset-password`, undefined, done);
      if (res.ok) setCreated({ username: u.username, password: res.data.temporaryPassword });
      return res.ok;
    },
    resetMfa: async (u: UserAdminDto) =>
      (await call('POST', `/api/admin/users/${u.id}/reset-mfa`, undefined, `Two-factor sign-in reset for ${u.username}; they enrol again at their next sign-in.`)).ok,
  };

  return (
    <div className="flex flex-col gap-5">
      <AdminPanel id="new-user" title="New user">
        <form onSubmit={create} className="mt-3 flex flex-wrap items-start gap-4">
          <TextField label="Username" name="username" required autoComplete="off" placeholder="jdoe" issues={issues} className="w-56" />
          <TextField label="Display name" name="displayName" required placeholder="Jane Doe" issues={issues} className="w-64" />
          <SelectField label="Role" name="role" defaultValue="operator" options={roles} issues={issues} className="w-44" />
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
      </AdminPanel>
      <UsersTable users={users} roles={roles} selfId={selfId} act={act} />
    </div>
  );
}
