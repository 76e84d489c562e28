'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Ends a share link now: the attorney's next page load or download is refused, and the custody chain records it. */
export function RevokeShareButton({ caseId, shareId, recipient }: { caseId: string; shareId: string; recipient: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function revoke() {
    if (!window.confirm(`Revoke the link shared with ${recipient}? It stops working at once.`)) return;
    setBusy(true);
    const res = await fetch(`/api/cases/${caseId}/shares/${shareId}/revoke`, { method: 'POST' });
    setBusy(false);
    if (!res.ok) {
      setError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `Failed (${res.status})`);
      return;
    }
    router.refresh();
  }
  return (
    <>
      <button
        type="button"
        onClick={revoke}
        disabled={busy}
        className="ml-2 min-h-8 rounded border border-red-500/60 px-2 text-xs text-red-300 hover:bg-red-500/10 disabled:opacity-50"
        data-testid="revoke-share"
      >
        Revoke
      </button>
      {error && <span role="alert" className="ml-2 text-xs text-red-300">{error}</span>}
    </>
  );
}
