'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/**
 * A secret the server returns once (API key, temporary password): shown with a copy button until dismissed. It
 * lives only in this component's state, so a reload or navigation leaves nothing but the hint.
 */
export function SecretOnce({ label, value, note, onDismiss, testId }: { label: string; value: string; note: string; onDismiss: () => void; testId: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // Clipboard needs a secure context (https or localhost): the value is selectable either way.
      setCopied('failed');
    }
  }
  return (
    <div role="status" className="rounded-md border border-amber-400/60 bg-amber-400/10 p-4" data-testid={testId}>
      <p className="text-sm font-semibold text-amber-100">{label}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid={`${testId}-value`} className="rounded border border-line bg-canvas px-3 py-2 font-mono text-base break-all text-ink select-all">
          {value}
        </code>
        <Button onClick={copy}>{copied === 'yes' ? 'Copied' : 'Copy'}</Button>
        <Button variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
      <p className="mt-2 text-xs text-amber-100/90">
        {note} {copied === 'failed' && 'Copying is blocked here: select the text and copy it by hand.'}
      </p>
    </div>
  );
}
