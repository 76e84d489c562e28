'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { SourceAdminDto, SourceKeyResult } from '@/lib/domain/source';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { issuesFor, sendJson } from '../_ui/api';
import { FieldError, FormError } from '../_ui/form-error';
import { SecretOnce } from '../_ui/secret-once';
import { INPUT, LABEL, PANEL } from '../_ui/styles';
import { SourcesTable } from './sources-table';

interface Props {
  sources: SourceAdminDto[];
  kinds: string[];
  rateLimit: { perSec: number; burst: number };
}

/** Create a source, rotate a key, disable or enable: each calls the API, then re-reads the server-rendered list. */
export function SourcesManager({ sources, kinds, rateLimit }: Props) {
  const router = useRouter();
  const [shown, setShown] = useState<{ name: string; kind: string; key: string; rotated: boolean } | null>(null);
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setBusy(true);
    const res = await sendJson<SourceKeyResult>('POST', '/api/admin/sources', { name: String(f.get('name') ?? ''), kind: String(f.get('kind') ?? '') });
    setBusy(false);
    if (!res.ok) return setError({ message: res.error, issues: res.issues });
    setError(null);
    form.reset();
    setShown({ name: res.data.source.name, kind: res.data.source.kind, key: res.data.apiKey, rotated: false });
    router.refresh();
  }

  async function rotate(s: SourceAdminDto) {
    const res = await sendJson<SourceKeyResult>('POST', `/api/admin/sources/${s.id}/rotate-key`);
    if (!res.ok) return setError({ message: res.error, issues: res.issues });
    setError(null);
    setShown({ name: s.name, kind: s.kind, key: res.data.apiKey, rotated: true });
    router.refresh();
  }

  async function setEnabled(s: SourceAdminDto, enabled: boolean) {
    const res = await sendJson('PATCH', `/api/admin/sources/${s.id}`, { enabled });
    if (!res.ok) return setError({ message: res.error, issues: res.issues });
    setError(null);
    router.refresh();
  }

  const issues = error?.issues ?? [];
  return (
    <div className="flex flex-col gap-5">
      <section className={PANEL} aria-labelledby="new-source">
        <h2 id="new-source" className="text-sm font-semibold">
          New source
        </h2>
        <form onSubmit={create} className="mt-3 flex flex-wrap items-start gap-4">
          <label className={LABEL}>
            Name
            <input name="name" required maxLength={200} placeholder="e.g. County CAD" className={`${INPUT} w-72`} aria-invalid={issuesFor(issues, 'name').length > 0} />
            <FieldError issues={issuesFor(issues, 'name')} />
          </label>
          <label className={LABEL}>
            Kind
            <select name="kind" defaultValue="cad" className={`${INPUT} w-40`} aria-invalid={issuesFor(issues, 'kind').length > 0}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
            <FieldError issues={issuesFor(issues, 'kind')} />
          </label>
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
      </section>
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
