import type { EventKind } from '@/lib/domain/event';

/** Colour chip for an event kind; the colour comes from the --kind-* variables set from KIND_COLOR. */
export function KindSwatch({ kind, className = 'size-3' }: { kind: EventKind; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-block shrink-0 rounded-full ring-1 ring-black/40 ${className}`}
      style={{ backgroundColor: `var(--kind-${kind})` }}
    />
  );
}
