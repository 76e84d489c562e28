'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

interface VerifyReport {
  ok: boolean;
  itemsChecked: number;
  custodyRowsChecked: number;
  problems: { kind: string; ref: string; message: string }[];
}

const input = 'rounded border border-line bg-panel px-2 py-1';
const button = 'rounded bg-accent px-3 py-1 font-semibold text-black disabled:opacity-50';

/** Verify, upload, note and share: each posts to the case API, then refreshes the server-rendered page. */
export function CaseActions({ caseId }: { caseId: string }) {
  const router = useRouter();
  const [msg, setMsg] = useState<string | null>(null);
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const api = `/api/cases/${caseId}`;
  const fail = async (res: Response) => setMsg(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `Failed (${res.status})`);

  async function verify() {
    const res = await fetch(`${api}/verify`, { method: 'POST' });
    if (!res.ok) return fail(res);
    setReport((await res.json()) as VerifyReport);
    router.refresh();
  }
  async function upload(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const res = await fetch(`${api}/items`, { method: 'POST', body: new FormData(form) });
    if (!res.ok) return fail(res);
    form.reset();
    setMsg('Uploaded');
    router.refresh();
  }
  async function share(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const body = { recipientName: s('recipientName'), ...(s('recipientEmail') ? { recipientEmail: s('recipientEmail') } : {}), ...(s('passcode') ? { passcode: s('passcode') } : {}), expiresInHours: Number(s('hours') || 168) };
    const res = await fetch(`${api}/shares`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) return fail(res);
    setLink(((await res.json()) as { url: string }).url);
    router.refresh();
  }

  return (
    <section className="mt-4 flex flex-col gap-3 text-sm">
      <div className="flex items-center gap-3">
        <button className={button} onClick={verify} data-testid="verify-case">Verify integrity</button>
        {report && (
          <span data-testid="verify-result" className={report.ok ? 'text-green-400' : 'text-red-400'}>
            {report.ok ? `Intact: ${report.itemsChecked} items, ${report.custodyRowsChecked} custody rows` : `${report.problems.length} problem(s): ${report.problems.map((p) => p.message).join('; ')}`}
          </span>
        )}
      </div>
      <form onSubmit={upload} className="flex items-center gap-2">
        <input name="title" placeholder="Title" className={input} />
        <input name="file" type="file" required />
        <button className={button}>Upload</button>
      </form>
      <form onSubmit={share} className="flex flex-wrap items-center gap-2">
        <input name="recipientName" placeholder="Recipient name" required className={input} />
        <input name="recipientEmail" type="email" placeholder="E-mail" className={input} />
        <input name="passcode" placeholder="Passcode (optional)" className={input} />
        <input name="hours" type="number" min={1} max={2160} defaultValue={168} className={`${input} w-20`} title="Hours valid" />
        <button className={button}>Create share link</button>
      </form>
      {link && (
        <p data-testid="share-url">
          Link (shown once): <code className="break-all">{link}</code>
        </p>
      )}
      {msg && <p role="status">{msg}</p>}
    </section>
  );
}
