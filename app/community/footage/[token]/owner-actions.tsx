'use client';

import { useState, type FormEvent } from 'react';

export function OwnerActions({ token, status: initial }: { token: string; status: string }) {
  const [status, setStatus] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/community/footage/${encodeURIComponent(token)}`;
  async function answer(decision: 'approve' | 'decline') {
    const res = await fetch(`${base}/answer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision }) });
    const body = (await res.json().catch(() => ({}))) as { status?: string; error?: string };
    if (res.ok && body.status) setStatus(body.status);
    else setError(body.error ?? 'Failed');
  }
  async function upload(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const res = await fetch(`${base}/upload`, { method: 'POST', body: new FormData(e.currentTarget) });
    if (res.ok) setStatus('uploaded');
    else setError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? 'Upload failed');
  }
  return (
    <div className="mt-6 flex flex-col gap-3">
      {error && <p role="alert" className="text-red-400">{error}</p>}
      {status === 'requested' && (
        <div className="flex gap-3">
          <button onClick={() => answer('approve')} className="rounded bg-accent px-4 py-2 font-semibold text-black">Approve</button>
          <button onClick={() => answer('decline')} className="rounded border border-line px-4 py-2">Decline</button>
        </div>
      )}
      {status === 'approved' && (
        <form onSubmit={upload} className="flex flex-col gap-2">
          <label className="flex flex-col gap-1 text-sm">Video file (MP4), image or PDF<input name="file" type="file" required /></label>
          <button type="submit" className="rounded bg-accent px-4 py-2 font-semibold text-black">Upload</button>
        </form>
      )}
      {status === 'declined' && <p>You declined this request. Thank you for answering.</p>}
      {status === 'uploaded' && <p role="status">Footage received. Thank you.</p>}
    </div>
  );
}
