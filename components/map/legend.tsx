import { EVENT_KINDS, KIND_LABEL } from '@/lib/domain/event';
import { KindSwatch } from '@/components/ui/kind-swatch';
import { UNIT_STATUSES, UNIT_STATUS_COLOR, UNIT_STATUS_LABEL } from '@/lib/domain/unit';

/** Which colour is which kind. Static, so it renders on the server and ships no JS. */
export function Legend({ className = '' }: { className?: string }) {
  return (
    <section
      aria-label="Map legend"
      className={`rounded-md border border-line bg-panel/90 px-3 py-2 shadow-lg backdrop-blur-sm ${className}`}
    >
      <h2 className="mb-1.5 text-xs font-semibold tracking-wide text-ink-muted uppercase">Event kinds</h2>
      <ul className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        {EVENT_KINDS.map((kind) => (
          <li key={kind} className="flex items-center gap-2">
            <KindSwatch kind={kind} />
            {KIND_LABEL[kind]}
          </li>
        ))}
      </ul>
      <h2 className="mt-2 mb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase">Units</h2>
      <ul className="grid grid-cols-2 gap-x-2 gap-y-0.5 text-xs" aria-label="Unit status colours">
        {UNIT_STATUSES.map((st) => (
          <li key={st} className="flex items-center gap-1.5">
            <span aria-hidden="true" style={{ color: `rgb(${UNIT_STATUS_COLOR[st]!.join(',')})` }}>▲</span>
            {UNIT_STATUS_LABEL[st]}
          </li>
        ))}
      </ul>
      <p className="mt-2 flex items-center gap-2 text-xs text-ink-muted">
        Heat
        <span aria-hidden="true" className="h-2 w-24 rounded-sm bg-linear-to-r from-[#2563eb] via-[#facc15] to-[#dc2626]" />
        busier
      </p>
    </section>
  );
}
