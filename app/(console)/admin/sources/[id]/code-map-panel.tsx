'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '../../_ui/form-error';
import { INPUT } from '../../_ui/styles';

interface Code {
  code: string;
  description: string;
  category: string;
  priority: number | null;
}

/**
 * The source's code map: its codes (CAD call types, gunshot classifications…) → console type, title, priority.
 * Codes match in any spelling (case, spaces, underscores). Replaced whole from CSV.
 */
export function CodeMapPanel({ sourceId }: { sourceId: string }) {
  const [codes, setCodes] = useState<Code[] | null>(null);
  const [csv, setCsv] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    fetch(`/api/admin/sources/${sourceId}/codes`, { cache: 'no-store' })
      .then((r) => r.json())
      .then((b: { codes: Code[] }) => setCodes(b.codes))
      .catch(() => setCodes([]));
  useEffect(() => void load(), [sourceId]); // eslint-disable-line react-hooks/exhaustive-deps

  async function upload() {
    const res = await fetch(`/api/admin/sources/${sourceId}/code-map`, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: csv });
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    setError(res.ok ? null : (body.error ?? `Failed (${res.status})`));
    if (res.ok) {
      setCsv('');
      void load();
    }
  }
  return (
    <div data-testid="code-map">
      <h2 className="text-sm font-semibold">Code map ({codes?.length ?? '…'} codes)</h2>
      <p className="mt-1 text-xs text-ink-muted">Codes without an entry keep their own name and get no priority; imports report them.</p>
      {codes && codes.length > 0 && (
        <ul className="mt-2 max-h-32 overflow-auto font-mono text-xs">
          {codes.map((c) => (
            <li key={c.code}>
              {c.code} → {c.category} {c.priority ? `P${c.priority}` : ''} {c.description && `· ${c.description}`}
            </li>
          ))}
        </ul>
      )}
      <textarea value={csv} onChange={(e) => setCsv(e.target.value)} rows={3} placeholder={'code,description,category,priority\nMULTIPLE GUNSHOTS,Multiple gunshots,Multiple_Gunshots,1'} className={`${INPUT} mt-2 w-full font-mono text-xs`} />
      <Button variant="ghost" disabled={!csv.trim()} onClick={() => void upload()}>
        Replace code map
      </Button>
      <FormError error={error} />
    </div>
  );
}
