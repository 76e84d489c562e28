'use client';

import type { RulePreview } from '@/lib/rules/preview-rule';
import { utc } from '../_ui/styles';

/** What the draft would have matched: counts over the events read, a sample with why, and the incidents behind them. */
export function RulePreviewPanel({ preview }: { preview: RulePreview }) {
  const p = preview;
  return (
    <div className="rounded border border-line p-3 text-sm" data-testid="rule-preview">
      <p data-testid="rule-preview-count">
        <strong>{p.matched.toLocaleString('en-US')}</strong> of the {p.truncated ? 'latest ' : ''}
        {p.scanned.toLocaleString('en-US')} events of this kind{p.since ? ` (since ${utc(p.since)} UTC)` : ''} would have matched
        {p.incidents.count > 0 && (
          <>
            , in <strong>{p.incidents.count.toLocaleString('en-US')}</strong> incident{p.incidents.count === 1 ? '' : 's'}
          </>
        )}
        .
      </p>
      {p.approximate && <p className="mt-1 text-xs text-amber-200">{p.approximate}.</p>}
      {p.sample.length > 0 && (
        <ul className="mt-2 max-h-48 overflow-auto font-mono text-xs" data-testid="rule-preview-sample">
          {p.sample.map((e) => (
            <li key={e.seq}>
              {utc(e.occurredAt)} · {e.why}
            </li>
          ))}
        </ul>
      )}
      {p.incidents.sample.length > 0 && (
        <ul className="mt-2 text-xs" data-testid="rule-preview-incidents">
          {p.incidents.sample.map((i) => (
            <li key={i.id}>
              <a className="text-accent underline" href={`/incidents/${i.id}`}>
                {i.number}
              </a>{' '}
              {i.title} ({i.status}, opened {utc(i.openedAt)})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
