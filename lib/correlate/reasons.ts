import type { Reason } from '@/lib/domain/incident';

/** Weight of the source's own priority (1 = most urgent … 5); unknown sits between 3 and 4. */
export function priorityWeight(priority: number | null): number {
  switch (priority) {
    case 1: return 50;
    case 2: return 40;
    case 3: return 25;
    case 4: return 15;
    case 5: return 10;
    default: return 20;
  }
}

/** "1 round", "4 rounds": a lone round read "Unclassified (1 rounds)" in the queue. */
export const roundsText = (n: number) => `${n} round${n === 1 ? '' : 's'}`;

export const reasonText = {
  // Units say how big a response is, not how urgent: at most +9, so no response size alone makes a P1.
  units: (n: number): Reason => ({ key: 'units', text: `${n} units dispatched`, weight: Math.min(3 * (n - 1), 9) }),
  gunshots: (n: number, rounds: number): Reason => ({
    key: 'shots', text: `${n} gunshot detection${n === 1 ? '' : 's'}${rounds > 0 ? ` (up to ${roundsText(rounds)})` : ''}`, weight: 30,
  }),
  sensor: (title: string, n: number): Reason => ({ key: 'sensor', text: `sensor alarm: ${title}${n > 1 ? ` (${n} alarms)` : ''}`, weight: 10 }),
  calls: (n: number, minutes: number): Reason => ({
    key: 'calls',
    text: `${n} calls in ${minutes} min`,
    weight: Math.min(10 * (n - 1), 30),
  }),
  burst: (n: number): Reason => ({ key: 'burst', text: `${n} gunshot detections in burst`, weight: Math.min(5 * (n - 1), 25) }),
  shotsNear: (gunshotNumber: string, meters: number, callNumber: string): Reason => ({
    key: `shots:${gunshotNumber}`,
    text: `shots fired ${Math.round(meters)} m from open call ${callNumber}`,
    weight: 30,
  }),
  openCallNear: (callNumber: string, title: string, meters: number): Reason => ({
    key: `call:${callNumber}`,
    text: `open call ${callNumber} (${title}) ${Math.round(meters)} m away`,
    weight: 20,
  }),
  geofence: (id: string, kind: string, name: string, meters: number, weight: number): Reason => ({
    key: `geofence:${id}`,
    text: meters === 0 ? `inside ${kind} ${name}` : `${kind} within ${Math.ceil(meters / 50) * 50} m (${name})`,
    weight,
  }),
  rule: (id: string, name: string, by: number): Reason => ({ key: `rule:${id}`, text: `rule “${name}”: +${by}`, weight: by }),
  alert: (id: string, title: string): Reason => ({ key: `alert:${id}`, text: `alert: ${title}`, weight: 10 }),
  escalated: (): Reason => ({ key: 'escalated', text: 'escalated by a supervisor or operator', weight: 25 }),
};

/** Weight a geofence kind adds when an incident is inside or near it (jurisdictions only scope rules). */
export const GEOFENCE_WEIGHT: Record<string, number> = { school: 15, hospital: 10, critical: 20, jurisdiction: 0 };
export const GEOFENCE_NEAR_M = 300;

/** Heaviest first; ties keep a stable order by key so snapshots compare equal. */
export function orderReasons(reasons: Iterable<Reason>): Reason[] {
  return [...reasons].sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function scoreOf(reasons: Iterable<Reason>): number {
  let s = 0;
  for (const r of reasons) s += r.weight;
  return s;
}

/** "which reason changed": + added, − removed, ~ changed, in that order; empty when nothing changed. */
export function describeChange(before: Reason[], after: Reason[]): string {
  const prev = new Map(before.map((r) => [r.key, r]));
  const next = new Map(after.map((r) => [r.key, r]));
  const parts: string[] = [];
  for (const r of after) {
    const p = prev.get(r.key);
    if (!p) parts.push(`+ ${r.text} (${signed(r.weight)})`);
    else if (p.text !== r.text || p.weight !== r.weight) parts.push(`~ ${p.text} → ${r.text} (${signed(r.weight - p.weight)})`);
  }
  for (const r of before) if (!next.has(r.key)) parts.push(`− ${r.text} (${signed(-r.weight)})`);
  return parts.join('; ');
}

const signed = (n: number) => (n >= 0 ? `+${n}` : `${n}`);
