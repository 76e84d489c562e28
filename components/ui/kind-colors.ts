import type { CSSProperties } from 'react';
import { EVENT_KINDS, KIND_COLOR, type EventKind } from '@/lib/domain/event';

/** CSS colour of a kind, straight from KIND_COLOR so map, legend and feed cannot drift apart. */
export function kindRgb(kind: EventKind): string {
  const [r, g, b] = KIND_COLOR[kind];
  return `rgb(${r} ${g} ${b})`;
}

/** `--kind-<kind>` custom properties for <html>; globals.css maps them onto Tailwind colour tokens. */
export function kindColorVariables(): CSSProperties {
  const vars: Record<string, string> = {};
  for (const kind of EVENT_KINDS) vars[`--kind-${kind}`] = kindRgb(kind);
  return vars as CSSProperties;
}
