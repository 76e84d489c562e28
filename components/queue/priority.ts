import type { IncidentDto } from '@/lib/domain/incident';
import { PRIORITY_BANDS, priorityBand, type PriorityBand } from '@/lib/domain/priority-band';

/** The priority bands (lib/domain/priority-band.ts): the queue, the dashboard and the map use the same. */
export type QueuePriority = PriorityBand;
export const QUEUE_PRIORITIES: readonly QueuePriority[] = PRIORITY_BANDS;
export const priorityOf = priorityBand;

export type AgeFilter = 'all' | '15m' | '1h' | '6h';
export const AGE_LIMIT_MS: Record<Exclude<AgeFilter, 'all'>, number> = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '6h': 6 * 60 * 60_000,
};

export interface QueueFilter {
  /** Empty: every priority. */
  priorities: ReadonlySet<QueuePriority>;
  age: AgeFilter;
  /** Type code prefix or exact kind of incident ('' = all). */
  kind: string;
  /** SF neighbourhood the incident lies in ('' = all; see districts.ts). */
  district: string;
  /** Owning agency id ('' = all): the own agency's or a partner's shared incidents. */
  agency: string;
  /** Words in the number, title, address or type ('' = all). */
  text: string;
}

export const DEFAULT_FILTER: QueueFilter = { priorities: new Set(), age: 'all', kind: '', district: '', agency: '', text: '' };

/**
 * The store keeps the order (score, then oldest); filtering must not change it. `districtOf` names an incident's
 * district (null: unlocated or outside the city, which a district filter leaves out).
 */
export function filterIncidents(
  list: readonly IncidentDto[],
  f: QueueFilter,
  nowMs: number,
  districtOf: (i: IncidentDto) => string | null = () => null,
): IncidentDto[] {
  const limit = f.age === 'all' ? Infinity : AGE_LIMIT_MS[f.age];
  return list.filter(
    (i) =>
      (f.priorities.size === 0 || f.priorities.has(priorityOf(i.score))) &&
      nowMs - Date.parse(i.openedAt) <= limit &&
      (f.kind === '' || i.typeCode === f.kind) &&
      (f.district === '' || districtOf(i) === f.district) &&
      (f.agency === '' || i.agencyId === f.agency) &&
      matchesText(i, f.text),
  );
}

/** The server's text filter, word by word (lib/incidents/queue-filter.ts), for pushed incidents. */
export function matchesText(i: IncidentDto, text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  if (!words.length) return true;
  const hay = [i.number, i.title, i.address ?? '', i.typeCode].map((s) => s.toLowerCase());
  return words.every((w) => hay.some((h) => h.includes(w)));
}

/** "4 min", "2 h 05", "3 d": compact, for a row that refreshes each minute. */
export function formatAge(openedAt: string, nowMs: number): string {
  const min = Math.max(0, Math.floor((nowMs - Date.parse(openedAt)) / 60_000));
  if (Number.isNaN(min)) return '—';
  if (min < 60) return `${min} min`;
  if (min < 48 * 60) return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')}`;
  return `${Math.floor(min / 1440)} d`;
}
