'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { CameraAdminDto } from '@/lib/domain/camera-admin';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { sendJson } from '../_ui/api';
import { FormError } from '../_ui/form-error';
import { CameraForm } from './camera-form';
import { CameraImport } from './camera-import';
import { CameraOnvifForm } from './camera-onvif-form';
import { CamerasTable } from './cameras-table';

/** The registry table, a form that creates or edits one camera, and the CSV import. */
export function CamerasManager({ cameras, owners, streamKinds }: { cameras: CameraAdminDto[]; owners: string[]; streamKinds: string[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<CameraAdminDto | null>(null);
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function save(body: Record<string, unknown>): Promise<boolean> {
    const res = await sendJson<{ camera: CameraAdminDto }>('POST', '/api/admin/cameras', body);
    if (!res.ok) {
      setError({ message: res.error, issues: res.issues });
      setNotice(null);
      return false;
    }
    setError(null);
    setNotice(`Saved “${res.data.camera.name}”.`);
    setEditing(null);
    router.refresh();
    return true;
  }

  return (
    <div className="flex flex-col gap-5">
      <div className="grid grid-cols-1 gap-5 2xl:grid-cols-[minmax(0,3fr)_minmax(0,1fr)]">
        <div className="flex flex-col gap-3">
          {/* Keyed by the camera: choosing another one to edit starts from its values, not the last form's. */}
          <CameraForm key={editing?.id ?? 'new'} camera={editing} owners={owners} streamKinds={streamKinds} issues={error?.issues ?? []} onSave={save} onCancel={() => setEditing(null)} />
          <FormError error={error?.message ?? null} issues={error?.issues} id="camera-error" />
          {editing && <CameraOnvifForm key={`onvif-${editing.id}`} camera={editing} onSaved={() => router.refresh()} />}
          {notice && (
            <p role="status" className="text-sm text-emerald-300">
              {notice}
            </p>
          )}
        </div>
        <CameraImport onDone={() => router.refresh()} />
      </div>
      <CamerasTable cameras={cameras} onEdit={(c) => setEditing(c)} />
    </div>
  );
}
