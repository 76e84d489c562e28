'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { sendJson } from './api';
import { FormError } from './form-error';
import { INPUT, LABEL } from './styles';

/** The credit the console's map shows for an agency's or a source's data (plain text, e.g. "DataSF"). */
export function AttributionForm({ url, initial, placeholder }: { url: string; initial: string; placeholder: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const attribution = String(new FormData(e.currentTarget).get('attribution') ?? '');
    const res = await sendJson('PUT', url, { attribution });
    setError(res.ok ? null : res.error);
    setSaved(res.ok);
    if (res.ok) router.refresh();
  }
  return (
    <form onSubmit={save} className="mt-2 flex flex-wrap items-end gap-2">
      <label className={LABEL}>
        Map credit
        <input name="attribution" defaultValue={initial} maxLength={300} placeholder={placeholder} className={`${INPUT} w-72 normal-case`} onChange={() => setSaved(false)} />
      </label>
      <Button type="submit" variant="ghost">
        Save credit
      </Button>
      {saved && <span role="status" className="text-xs text-emerald-300">Saved: shown on the map from the next page load.</span>}
      <FormError error={error} />
    </form>
  );
}
