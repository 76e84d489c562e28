'use client';

import { useState } from 'react';
import type { RuleDto } from '@/lib/domain/rule';
import { DANGER_BUTTON, LINK_BUTTON, TD, utc } from '../_ui/styles';
import { AdminTable } from '../_ui/admin-table';
import { ConfirmPair } from '../_ui/confirm-pair';

interface Props {
  rules: RuleDto[];
  onEdit: (r: RuleDto) => void;
  onToggle: (r: RuleDto) => Promise<void>;
  onDelete: (r: RuleDto) => Promise<void>;
}

/** "gunshot inside school; 2 conditions; 22:00–06:00" */
function premiseText(r: RuleDto): string {
  const p = r.premise;
  const parts: string[] = [p.kind];
  if (p.geofence) parts.push(`${p.geofence.relation} ${p.geofence.kind ?? 'geofence'}${p.geofence.id ? ` ${p.geofence.id.slice(0, 8)}` : ''}`);
  if (p.conditions.length) parts.push(`${p.conditions.length} condition${p.conditions.length > 1 ? 's' : ''}`);
  if (p.timeOfDay) parts.push(`${p.timeOfDay.from}–${p.timeOfDay.to}`);
  return parts.join('; ');
}

export function RulesTable({ rules, onEdit, onToggle, onDelete }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (!rules.length) return <p className="text-sm text-ink-muted">No rules yet: the template above is a working example.</p>;
  return (
    <AdminTable testId="rules-table" headings={['Name', 'Status', 'When', 'Then', 'Updated (UTC)', '']}>
      {rules.map((r) => (
        <tr key={r.id} data-testid="rule-row" className={r.enabled ? '' : 'text-ink-muted'}>
          <td className={`${TD} font-semibold`}>{r.name}</td>
          <td className={TD}>{r.enabled ? <span className="font-semibold text-emerald-300">enabled</span> : 'disabled'}</td>
          <td className={TD}>{premiseText(r)}</td>
          <td className={`${TD} font-mono text-xs`}>{r.actions.map((a) => a.type).join(', ')}</td>
          <td className={`${TD} tabular-nums whitespace-nowrap`}>{utc(r.updatedAt)}</td>
          <td className={`${TD} text-right whitespace-nowrap`}>
            {confirming === r.id ? (
              <ConfirmPair label="Confirm delete" onConfirm={() => void onDelete(r).then(() => setConfirming(null))} onCancel={() => setConfirming(null)} />
            ) : (
              <span className="inline-flex gap-4">
                <button type="button" className={LINK_BUTTON} onClick={() => onEdit(r)}>
                  Edit
                </button>
                <button type="button" className={LINK_BUTTON} onClick={() => onToggle(r)}>
                  {r.enabled ? 'Disable' : 'Enable'}
                </button>
                <button type="button" className={DANGER_BUTTON} onClick={() => setConfirming(r.id)}>
                  Delete
                </button>
              </span>
            )}
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}
