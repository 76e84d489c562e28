'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { CameraAdminDto } from '@/lib/domain/camera-admin';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { issuesFor, sendJson } from '../_ui/api';
import { FieldError, FormError } from '../_ui/form-error';
import { INPUT, LABEL, PANEL } from '../_ui/styles';

/**
 * PTZ control of one camera: its ONVIF device service URL and sign-in. The password is write-only (blank keeps the
 * stored one); the URL must pass the outbound-address policy (the server says so, naming the field).
 */
export function CameraOnvifForm({ camera, onSaved }: { camera: CameraAdminDto; onSaved: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const url = s('onvifUrl');
    const body: Record<string, unknown> = { url: url || null, username: s('onvifUsername') || null, ptz: f.get('ptz') === 'on' };
    if (f.get('clearPassword') === 'on') body.password = null;
    else if (s('onvifPassword')) body.password = s('onvifPassword');
    setBusy(true);
    const res = await sendJson<{ ok: true }>('PUT', `/api/admin/cameras/${encodeURIComponent(camera.id)}/onvif`, body);
    setBusy(false);
    if (!res.ok) {
      setError({ message: res.error, issues: res.issues });
      setNotice(null);
      return;
    }
    setError(null);
    setNotice(url ? 'PTZ control saved.' : 'PTZ control removed.');
    onSaved();
  }
  const urlIssues = issuesFor(error?.issues ?? [], 'url');
  return (
    <form onSubmit={submit} className={`${PANEL} flex flex-col gap-3`} aria-label={`PTZ control of ${camera.name}`}>
      <h3 className="text-sm font-semibold">PTZ control (ONVIF) — {camera.name}</h3>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <label className={`${LABEL} md:col-span-3`}>
          Device service URL
          <input name="onvifUrl" className={INPUT} defaultValue={camera.onvifUrl ?? ''} placeholder="http://10.20.3.4/onvif/device_service" aria-invalid={urlIssues.length > 0} />
          <FieldError issues={urlIssues} />
        </label>
        <label className={LABEL}>
          Username
          <input name="onvifUsername" className={INPUT} defaultValue={camera.onvifUsername ?? ''} autoComplete="off" />
        </label>
        <label className={LABEL}>
          Password
          <input name="onvifPassword" type="password" className={INPUT} autoComplete="new-password" placeholder={camera.onvifPasswordSet ? 'stored — blank keeps it' : 'none stored'} />
        </label>
        <div className="flex flex-col justify-end gap-1 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="ptz" defaultChecked={camera.ptz} /> PTZ camera
          </label>
          {camera.onvifPasswordSet && (
            <label className="flex items-center gap-2">
              <input type="checkbox" name="clearPassword" /> Remove the stored password
            </label>
          )}
        </div>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>
          Save PTZ control
        </Button>
        {notice && (
          <p role="status" className="text-sm text-emerald-300">
            {notice}
          </p>
        )}
      </div>
      <FormError error={error?.message ?? null} issues={error?.issues} id="camera-onvif-error" />
    </form>
  );
}
