import { OFFENSE_TYPES, requireSearchPurpose, purposeLabel, type OffenseType } from '@/lib/policy/search-purpose';

/**
 * Browser side of purpose-bound search: every call to /api/search, /api/search/calls, /api/search/export.csv and
 * /api/search/rewind must carry `purpose=offense:<type>` or `purpose=case:<number>` (400 without it). The chosen
 * purpose is kept for the tab (sessionStorage) so the investigate page and the map rewind ask once per session.
 */
export { OFFENSE_TYPES, type OffenseType };

export const PURPOSE_PARAM = 'purpose';
const STORAGE_KEY = 'rtcc.searchPurpose';

/** Human label of an offense code: `motor_vehicle_theft` → `Motor vehicle theft`. */
export function offenseLabel(code: OffenseType): string {
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `offense:burglary` → `Burglary`; `case:2026-0012` → `Case 2026-0012`. */
export function describePurpose(purpose: string): string {
  if (purpose.startsWith('case:')) return `Case ${purpose.slice(5)}`;
  if (purpose.startsWith('offense:')) return offenseLabel(purpose.slice(8) as OffenseType);
  return purpose;
}

/** The canonical `purpose=` value for an offense or a case number, or null when the server would refuse it. */
export function toPurposeParam(input: { offense: string } | { caseNumber: string }): string | null {
  try {
    const raw = 'offense' in input ? { kind: 'offense', offense: input.offense } : { kind: 'case', caseNumber: input.caseNumber };
    return purposeLabel(requireSearchPurpose(raw));
  } catch {
    return null;
  }
}

/** Adds `purpose=` to a search URL (relative URLs stay relative). */
export function withPurpose(url: string, purpose: string): string {
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  const sp = new URLSearchParams(query);
  sp.set(PURPOSE_PARAM, purpose);
  return `${path}?${sp}`;
}

/** The rewind request the map's time slider makes: `/api/search/rewind?from=…&to=…&purpose=…`. */
export function rewindUrl(from: Date | string, to: Date | string, purpose: string): string {
  const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());
  return `/api/search/rewind?${new URLSearchParams({ from: iso(from), to: iso(to), [PURPOSE_PARAM]: purpose })}`;
}

/** The purpose chosen earlier in this tab, if still valid. */
export function loadStoredPurpose(): string | null {
  if (typeof window === 'undefined') return null;
  const v = window.sessionStorage.getItem(STORAGE_KEY);
  if (!v) return null;
  try {
    return purposeLabel(requireSearchPurpose(v));
  } catch {
    return null;
  }
}

export function storePurpose(purpose: string | null): void {
  if (typeof window === 'undefined') return;
  if (purpose) window.sessionStorage.setItem(STORAGE_KEY, purpose);
  else window.sessionStorage.removeItem(STORAGE_KEY);
}
