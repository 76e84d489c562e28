'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { SourceAdminDto, SourceKeyResult } from '@/lib/domain/source';
import { AdminPanel } from '../_ui/admin-panel';
import { SelectField, TextField } from '../_ui/fields';
import { FormError } from '../_ui/form-error';
import { SecretOnce } from '../_ui/secret-once';
import { useAdminApi } from '../_ui/use-admin-api';
import { SourcesTable } from './sources-table';

interface Props {
  sources: SourceAdminDto[];
  kinds: string[];
  rateLimit: { perSec: number; burst: number };
}

/** Create a source, rotate a key, disable or enable: each calls the API, then re-reads the server-rendered list. */
export function SourcesManager({ sources, kinds, rateLimit }: Props) {
  const { send, error, issues, busy } = useAdminApi();
  const [shown, setShown] = useState<{ name: string; kind: string; key: string; rotated: boolean } | null>(null);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const res = await send<SourceKeyResult>('POST', '/api/admin/sources', { name: String(f.get('name') ?? ''), kind: String(f.get('kind') ?? '') });
    if (!res.ok) return;
    form.reset();
    setShown({ name: res.data.source.name, kind: res.data.source.kind, key: res.data.apiKey, rotated: false });
  }

  async function rotate(s: SourceAdminDto) {
    const res = await send<SourceKeyResult>('POST', `/api/admin/sources/${s.id}/rotate-key`);
    if (res.ok) setShown({ name: s.name, kind: s.kind, key: res.data.apiKey, rotated: true });
  }

  async function setEnabled(s: SourceAdminDto, enabled: boolean) {
    await send('PATCH', `/api/admin/sources/${s.id}`, { enabled });
  }

  return (
    <div className="flex flex-col gap-5">
      <AdminPanel id="new-source" title="New source">
        <form onSubmit={create} className="mt-3 flex flex-wrap items-start gap-4">
          <TextField label="Name" name="name" required maxLength={200} placeholder="e.g. County CAD" issues={issues} className="w-72" />
          <SelectField label="Kind" name="kind" defaultValue="cad" options={kinds} issues={issues} className="w-40" />
          <Button type="submit" disabled={busy} className="mt-5">
            Create source and key
          </Button>
        </form>
        <div className="mt-3 flex flex-col gap-3">
          <FormError error={error?.message ?? null} issues={issues} id="source-error" />
          {shown && (
            <SecretOnce
              testId="api-key-once"
              label={`${shown.rotated ? 'New API key' : 'API key'} for “${shown.name}”. It is shown only this once.`}
              value={shown.key}
              note={`${installHint(shown)}${shown.rotated ? ' The previous key is already refused.' : ''}`}
              onDismiss={() => setShown(null)}
            />
          )}
        </div>
      </AdminPanel>
      <SourcesTable sources={sources} rateLimit={rateLimit} onRotate={rotate} onSetEnabled={setEnabled} />
    </div>
  );
}

/** Where the key goes: an HTTP header for webhooks and feeds; the MQTT sign-in for sensors. */
function installHint(s: { name: string; kind: string }): string {
  return s.kind === 'sensor'
    ? `Install it in the sensors now: MQTT username “${s.name}”, this key as password, topic rtcc/sensors/${s.name}/<sensor id>.`
    : 'Install it in the source now (Authorization: Bearer <key>).';
}
