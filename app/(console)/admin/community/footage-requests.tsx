'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { CommunityCameraDto, FootageRequestDto } from '@/lib/evidence/community/list-community';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { AdminTable } from '../_ui/admin-table';
import { sendJson } from '../_ui/api';
import { FormError } from '../_ui/form-error';
import { SecretOnce } from '../_ui/secret-once';
import { INPUT, LABEL, PANEL, TD, utc } from '../_ui/styles';
import { Options } from '@/components/ui/options';

interface Props {
  requests: FootageRequestDto[];
  /** Approved cameras whose owner agreed to be asked for footage. */
  cameras: CommunityCameraDto[];
  cases: { id: string; number: string; title: string }[];
}

/** `datetime-local` text (the browser's zone) → ISO with offset, as the API takes it. */
const iso = (local: string) => (local ? new Date(local).toISOString() : '');

/** Ask an owner for footage for a case (the link to send them is shown once), and follow the requests. */
export function FootageRequests({ requests, cameras, cases }: Props) {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [link, setLink] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const caseId = String(f.get('caseId') ?? '');
    const body = { communityCameraId: String(f.get('camera') ?? ''), from: iso(String(f.get('from') ?? '')), to: iso(String(f.get('to') ?? '')), reason: String(f.get('reason') ?? '') };
    const res = await sendJson<{ id: string; ownerUrl: string }>('POST', `/api/cases/${caseId}/footage-requests`, body);
    if (!res.ok) return setError({ message: res.error, issues: res.issues });
    setError(null);
    setLink(res.data.ownerUrl);
    router.refresh();
  }

  return (
    <section className={PANEL} aria-labelledby="footage-requests-title">
      <h2 id="footage-requests-title" className="mb-3 text-sm font-semibold">
        Footage requests
      </h2>
      {link && <SecretOnce label="Send this link to the camera's owner (shown once): they answer and upload there" value={link} note="" onDismiss={() => setLink(null)} testId="owner-link" />}
      {cameras.length > 0 && cases.length > 0 ? (
        <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-2" data-testid="footage-request-form">
          <label className={LABEL}>
            Case
            <select name="caseId" className={INPUT} required>
              {cases.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.number} {c.title}
                </option>
              ))}
            </select>
          </label>
          <label className={LABEL}>
            Camera
            <select name="camera" className={INPUT} required>
              <Options options={cameras.map((c) => ({ value: c.id, label: c.name }))} />
            </select>
          </label>
          <label className={LABEL}>
            From
            <input name="from" type="datetime-local" className={INPUT} required />
          </label>
          <label className={LABEL}>
            To
            <input name="to" type="datetime-local" className={INPUT} required />
          </label>
          <label className={`${LABEL} min-w-64 flex-1`}>
            Reason (the owner reads it)
            <input name="reason" className={INPUT} required minLength={5} maxLength={2000} />
          </label>
          <Button type="submit">Request footage</Button>
        </form>
      ) : (
        <p className="mb-3 text-sm text-ink-muted">Requests need an open case and an approved camera whose owner agreed to be asked for footage.</p>
      )}
      <FormError error={error?.message ?? null} issues={error?.issues} id="footage-error" />
      {requests.length > 0 && (
        <AdminTable testId="footage-requests" headings={['Case', 'Camera', 'Window (UTC)', 'Reason', 'Asked by', 'Status', 'Expires (UTC)']}>
          {requests.map((r) => (
            <tr key={r.id} data-status={r.status}>
              <td className={TD}>
                <a className="text-accent underline" href={`/cases/${r.caseId}`}>
                  {r.caseNumber}
                </a>
              </td>
              <td className={TD}>{r.cameraName}</td>
              <td className={TD}>
                {utc(r.from)} – {utc(r.to)}
              </td>
              <td className={TD}>{r.reason}</td>
              <td className={TD}>{r.requestedBy}</td>
              <td className={TD}>{r.status}</td>
              <td className={TD}>{utc(r.expiresAt)}</td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}
