'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { WallDeviceDto } from '@/lib/auth/wall-device';
import { AdminTable } from '../_ui/admin-table';
import { sendJson } from '../_ui/api';
import { ConfirmPair } from '../_ui/confirm-pair';
import { FormError } from '../_ui/form-error';
import { SecretOnce } from '../_ui/secret-once';
import { DANGER_BUTTON, INPUT, LABEL, PANEL, TD, utc } from '../_ui/styles';

export function WallDevicesManager({ devices }: { devices: WallDeviceDto[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<{ name: string; token: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get('name') ?? '').trim();
    const res = await sendJson<{ token: string }>('POST', '/api/admin/wall-devices', { name });
    if (!res.ok) return setError(res.error);
    setError(null);
    form.reset();
    setToken({ name, token: res.data.token });
    router.refresh();
  }
  async function revoke(id: string) {
    const res = await sendJson('POST', `/api/admin/wall-devices/${id}/revoke`);
    setConfirming(null);
    if (!res.ok) return setError(res.error);
    router.refresh();
  }
  return (
    <div className="flex flex-col gap-5">
      <section className={PANEL}>
        <form onSubmit={create} className="flex items-end gap-3">
          <label className={LABEL}>
            Name
            <input name="name" required maxLength={100} placeholder="Wall 1, dispatch floor" className={`${INPUT} w-72 normal-case`} />
          </label>
          <Button type="submit">Register device</Button>
        </form>
        <div className="mt-3">
          {token && (
            <SecretOnce
              testId="device-token-once"
              label={`Device token for “${token.name}”. Shown only this once.`}
              value={token.token}
              note="Open /wall/device#token=<token> on the kiosk (the fragment never reaches the server's logs)."
              onDismiss={() => setToken(null)}
            />
          )}
        </div>
      </section>
      <FormError error={error} />
      <AdminTable testId="wall-devices-table" headings={['Name', 'Registered', 'Last used', 'Status', '']}>
        {devices.map((d) => (
          <tr key={d.id} className={d.revokedAt ? 'text-ink-muted' : ''}>
            <td className={`${TD} font-semibold`}>{d.name}</td>
            <td className={`${TD} tabular-nums`}>{utc(d.createdAt)}</td>
            <td className={`${TD} tabular-nums`}>{utc(d.lastUsedAt)}</td>
            <td className={TD}>{d.revokedAt ? `revoked ${utc(d.revokedAt)}` : <span className="text-emerald-300">active</span>}</td>
            <td className={`${TD} text-right`}>
              {!d.revokedAt &&
                (confirming === d.id ? (
                  <ConfirmPair label="Confirm revoke" warning="The wall goes dark at once." onConfirm={() => void revoke(d.id)} onCancel={() => setConfirming(null)} />
                ) : (
                  <button type="button" className={DANGER_BUTTON} onClick={() => setConfirming(d.id)}>
                    Revoke
                  </button>
                ))}
            </td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}
