'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { KindSwatch } from '@/components/ui/kind-swatch';
import { EVENT_KINDS, type EventKind } from '@/lib/domain/event';
import type { SourceAdminDto } from '@/lib/domain/source';
import { DANGER_BUTTON, LINK_BUTTON, TD, utc } from '../_ui/styles';
import { AdminTable } from '../_ui/admin-table';
import { ConfirmPair } from '../_ui/confirm-pair';

interface Props {
  sources: SourceAdminDto[];
  rateLimit: { perSec: number; burst: number };
  onRotate: (s: SourceAdminDto) => Promise<void>;
  onSetEnabled: (s: SourceAdminDto, enabled: boolean) => Promise<void>;
}

/** Rotating kills the old key at once, so it asks once more on the row itself (no modal to dismiss by reflex). */
export function SourcesTable({ sources, rateLimit, onRotate, onSetEnabled }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (id: string, fn: () => Promise<void>) => {
    setBusy(id);
    await fn();
    setBusy(null);
    setConfirming(null);
  };
  if (!sources.length) return <p className="text-sm text-ink-muted">No sources yet: create the first one above.</p>;
  return (
    <AdminTable testId="sources-table" headings={['Name', 'Kind', 'Agency', 'Key', 'Last event (7 d)', 'Events today (UTC)', 'Rate limit', 'Signing', 'Status', '']}>
      {sources.map((s) => (
        <tr key={s.id} data-testid="source-row" data-source-id={s.id} className={s.enabled ? '' : 'text-ink-muted'}>
          <td className={`${TD} font-semibold`}>
            <a href={`/admin/sources/${s.id}`} className="text-accent hover:underline" title="Mapping, imports, time zone, signing">
              {s.name}
            </a>
            {s.mapped && <span className="ml-2 text-xs font-normal text-ink-muted">mapped</span>}
          </td>
          <td className={TD}>
            <span className="inline-flex items-center gap-2">
              {isKind(s.kind) && <KindSwatch kind={s.kind} />}
              {s.kind}
            </span>
          </td>
          <td className={TD}>{s.agencyName}</td>
          <td className={`${TD} font-mono`} data-testid="key-hint">
            {s.keyHint}…
          </td>
          <td className={`${TD} tabular-nums whitespace-nowrap`}>{utc(s.lastEventAt)}</td>
          <td className={`${TD} tabular-nums`}>{s.eventsToday.toLocaleString('en-US')}</td>
          <td className={`${TD} whitespace-nowrap text-ink-muted`}>
            {rateLimit.perSec}/s, burst {rateLimit.burst}
          </td>
          <td className={TD}>{s.signed ? <span className="text-emerald-300">HMAC required</span> : <span className="text-ink-muted">key only</span>}</td>
          <td className={TD}>{s.enabled ? <span className="font-semibold text-emerald-300">enabled</span> : <Badge tone="warn">disabled</Badge>}</td>
          <td className={`${TD} text-right whitespace-nowrap`}>
            {confirming === s.id ? (
              <ConfirmPair
                label="Confirm rotation"
                warning="Old key stops working at once."
                disabled={busy === s.id}
                onConfirm={() => void run(s.id, () => onRotate(s))}
                onCancel={() => setConfirming(null)}
              />
            ) : (
              <span className="inline-flex items-center gap-4">
                <button type="button" className={LINK_BUTTON} onClick={() => setConfirming(s.id)}>
                  Rotate key
                </button>
                <button type="button" className={s.enabled ? DANGER_BUTTON : LINK_BUTTON} disabled={busy === s.id} onClick={() => run(s.id, () => onSetEnabled(s, !s.enabled))}>
                  {s.enabled ? 'Disable' : 'Enable'}
                </button>
              </span>
            )}
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}

const isKind = (k: string): k is EventKind => (EVENT_KINDS as readonly string[]).includes(k);
