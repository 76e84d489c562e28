import { EVENT_KINDS, KIND_LABEL } from '@/lib/domain/event';
import { KindSwatch } from '@/components/ui/kind-swatch';

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
    </section>
  );
}
