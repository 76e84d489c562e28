'use client';

import { useState } from 'react';
import { Options } from '@/components/ui/options';
import { Badge } from '@/components/ui/badge';
import type { UserAdminDto } from '@/lib/domain/user-admin';
import { DANGER_BUTTON, INPUT, LINK_BUTTON, TD, utc } from '../_ui/styles';
import { AdminTable } from '../_ui/admin-table';

interface Actions {
  role: (u: UserAdminDto, role: string) => Promise<boolean>;
  disabled: (u: UserAdminDto, disabled: boolean) => Promise<boolean>;
  unlock: (u: UserAdminDto) => Promise<boolean>;
  resetMfa: (u: UserAdminDto) => Promise<boolean>;
  resetPassword: (u: UserAdminDto) => Promise<boolean>;
}

/** One row per account. Your own row cannot change role or be disabled (the API refuses it too). */
export function UsersTable({ users, roles, selfId, act }: { users: UserAdminDto[]; roles: string[]; selfId: string; act: Actions }) {
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (id: string, fn: () => Promise<boolean>) => {
    setBusy(id);
    await fn();
    setBusy(null);
  };
  return (
    <AdminTable testId="users-table" headings={['Username', 'Name', 'Role', 'Agency', 'MFA', 'Locked until (UTC)', 'Last sign-in (UTC)', 'Status', '']}>
      {users.map((u) => {
        const self = u.id === selfId;
        const device = u.role === 'wall_device';
        return (
          <tr key={u.id} data-testid="user-row" data-username={u.username} className={u.disabled ? 'text-ink-muted' : ''}>
            <td className={`${TD} font-mono font-semibold`}>
              {u.username}
              {self && <span className="ml-2 font-sans text-xs font-normal text-ink-muted">(you)</span>}
            </td>
            <td className={TD}>{u.displayName}</td>
            <td className={TD}>
              {device || self ? (
                <span className="text-ink-muted" title={self ? 'Another admin must change your role' : undefined}>
                  {device ? 'wall device' : u.role}
                </span>
              ) : (
                <select
                  aria-label={`Role of ${u.username}`}
                  value={u.role}
                  disabled={busy === u.id}
                  onChange={(e) => run(u.id, () => act.role(u, e.target.value))}
                  className={`${INPUT} py-1`}
                >
                  <Options options={roles} />
                </select>
              )}
            </td>
            <td className={TD}>{u.agencyName}</td>
            <td className={TD}>{u.mfaEnrolled ? <span className="text-emerald-300">enrolled</span> : <span className="text-ink-muted">none</span>}</td>
            <td className={`${TD} tabular-nums`}>{u.lockedUntil ? <Badge tone="danger">{utc(u.lockedUntil)}</Badge> : <span className="text-ink-muted">—</span>}</td>
            <td className={`${TD} tabular-nums whitespace-nowrap`}>{utc(u.lastLoginAt)}</td>
            <td className={TD}>{u.disabled ? <Badge tone="warn">disabled</Badge> : <span className="text-emerald-300">active</span>}</td>
            <td className={`${TD} text-right whitespace-nowrap`}>
              <span className="inline-flex items-center gap-4">
                {u.lockedUntil && (
                  <button type="button" className={LINK_BUTTON} disabled={busy === u.id} onClick={() => run(u.id, () => act.unlock(u))}>
                    Unlock
                  </button>
                )}
                {!self && !device && (
                  <button type="button" className={LINK_BUTTON} disabled={busy === u.id} onClick={() => run(u.id, () => act.resetPassword(u))}>
                    Reset password
                  </button>
                )}
                {u.mfaEnrolled && !self && (
                  <button type="button" className={DANGER_BUTTON} disabled={busy === u.id} onClick={() => run(u.id, () => act.resetMfa(u))}>
                    Reset MFA
                  </button>
                )}
                {!self && !device && (
                  <button type="button" className={u.disabled ? LINK_BUTTON : DANGER_BUTTON} disabled={busy === u.id} onClick={() => run(u.id, () => act.disabled(u, !u.disabled))}>
                    {u.disabled ? 'Enable' : 'Disable'}
                  </button>
                )}
              </span>
            </td>
          </tr>
        );
      })}
    </AdminTable>
  );
}
