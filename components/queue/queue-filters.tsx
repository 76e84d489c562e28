'use client';

import { useState } from 'react';
import { Options } from '@/components/ui/options';
import type { QueueAgency } from '@/lib/incidents/queue-agencies';
import { QUEUE_PRIORITIES, type AgeFilter, type QueueFilter, type QueuePriority } from './priority';

const AGES: { value: AgeFilter; label: string }[] = [
  { value: 'all', label: 'Any age' },
  { value: '15m', label: '< 15 min' },
  { value: '1h', label: '< 1 h' },
  { value: '6h', label: '< 6 h' },
];

/** min-w-28: on a narrow panel a select wraps to the next line rather than shrinking to an untappable sliver. */
const SELECT = 'h-8 pointer-coarse:h-11 min-w-28 rounded border border-line bg-panel-raised px-2 text-xs';

export function QueueFilters({
  filter,
  kinds,
  districts,
  agencies,
  onChange,
}: {
  filter: QueueFilter;
  kinds: string[];
  /** Districts of the queued incidents, most incidents first. */
  districts: string[];
  /** Own agency first; the filter shows only when partners share incidents with it. */
  agencies: readonly QueueAgency[];
  onChange: (f: QueueFilter) => void;
}) {
  // A phone (< 640 px) or a touch screen (tablet) folds all but the search behind one button: unfolded, with 44 px
  // touch targets, the filters took the height of the queue itself, and a phone or a landscape tablet showed one
  // incident whole below them.
  const [open, setOpen] = useState(false);
  const active = filter.priorities.size + (filter.age !== 'all' ? 1 : 0) + (filter.kind ? 1 : 0) + (filter.district ? 1 : 0) + (filter.agency ? 1 : 0);
  const fold = open ? '' : 'max-sm:hidden pointer-coarse:hidden';
  const toggle = (p: QueuePriority) => {
    const next = new Set(filter.priorities);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    onChange({ ...filter, priorities: next });
  };
  return (
    <div className="flex flex-wrap items-center gap-1.5 border-b border-line px-3 py-2" role="group" aria-label="Queue filters">
      <input
        type="search"
        aria-label="Search the queue"
        placeholder="Number, title, address…"
        className={`${SELECT} w-full max-sm:w-auto max-sm:flex-1 pointer-coarse:w-auto pointer-coarse:flex-1`}
        value={filter.text}
        onChange={(e) => onChange({ ...filter, text: e.target.value })}
      />
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className={`hidden h-11 shrink-0 rounded border px-3 text-xs font-semibold max-sm:block pointer-coarse:block ${active ? 'border-accent bg-accent/20 text-ink' : 'border-line bg-panel-raised text-ink-muted'}`}
      >
        Filters{active ? ` (${active})` : ''} {open ? '▴' : '▾'}
      </button>
      {/* Unfolded, the filters start on a line of their own below the search. */}
      {open && <span aria-hidden="true" className="hidden basis-full max-sm:block pointer-coarse:block" />}
      {QUEUE_PRIORITIES.map((p) => (
        <button
          key={p}
          type="button"
          aria-pressed={filter.priorities.has(p)}
          onClick={() => toggle(p)}
          className={`${fold} h-8 min-w-8 rounded border px-2 pointer-coarse:h-11 pointer-coarse:min-w-11 text-xs font-semibold ${
            filter.priorities.has(p) ? 'border-accent bg-accent/20 text-ink' : 'border-line bg-panel-raised text-ink-muted'
          }`}
        >
          P{p}
        </button>
      ))}
      <select aria-label="Age" className={`${SELECT} ${fold}`} value={filter.age} onChange={(e) => onChange({ ...filter, age: e.target.value as AgeFilter })}>
        <Options options={AGES} />
      </select>
      <select aria-label="Kind" className={`${SELECT} ${fold} flex-1`} value={filter.kind} onChange={(e) => onChange({ ...filter, kind: e.target.value })}>
        <option value="">All kinds</option>
        <Options options={kinds} />
      </select>
      <select aria-label="District" className={`${SELECT} ${fold} flex-1`} value={filter.district} onChange={(e) => onChange({ ...filter, district: e.target.value })}>
        <option value="">All districts</option>
        {/* The chosen district stays listed even when its last incident closes, so the select never lies. */}
        <Options options={filter.district && !districts.includes(filter.district) ? [filter.district, ...districts] : districts} />
      </select>
      {agencies.length > 1 && (
        <select aria-label="Agency" className={`${SELECT} ${fold} flex-1`} value={filter.agency} onChange={(e) => onChange({ ...filter, agency: e.target.value })}>
          <option value="">All agencies</option>
          <Options options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
        </select>
      )}
    </div>
  );
}
