import type { EventKind } from '@/lib/domain/event';

/**
 * When two events plausibly describe the same real-world situation: what kind of situation each reports
 * (category), whether two categories can be one situation (compatibility), and how far apart in space and time
 * each pair of source kinds may be (pair windows). Pure: unit-tested in tests/unit/correlate-situation-rules.test.ts.
 */

export type Category = 'violence' | 'panic' | 'fire' | 'medical' | 'traffic' | 'vehicle' | 'crime' | 'hazard' | 'other';

/** First match wins: "Vehicle Fire" is a fire, "Shots fired" violence, "Smoke alarm" a fire. */
const PATTERNS: [Category, RegExp][] = [
  ['violence', /shot|shoot|gun|firearm|weapon|stab|assault|\bfight|\barmed|hostage|homicide|carjack|robbery/],
  ['panic', /panic|duress|help button/],
  ['fire', /fire|smoke|burn|flame|explosion|alarm/],
  ['traffic', /collision|crash|traffic|accident|hit and run|\bmva\b|vehicle vs/],
  ['vehicle', /pursuit|hotlist|stolen vehicle|wanted vehicle|reckless|plate|\blpr\b|fleeing/],
  ['medical', /medical|\bems\b|cardiac|unconscious|breath|injur|overdose|sick|fall|bleed|seizure|stroke/],
  ['crime', /burglar|theft|break.?in|intrusion|glass|trespass|vandal|prowler|suspicious/],
  ['hazard', /gas|hazmat|spill|leak|electrical|rescue|flood|wires/],
];

const cache = new Map<string, Category>();

/** The situation an event reports, from its kind, type code and title. */
export function categoryOf(kind: EventKind, typeCode: string, title: string | null): Category {
  if (kind === 'gunshot') return 'violence';
  const text = `${typeCode} ${title ?? ''}`;
  const hit = cache.get(text);
  if (hit) return hit;
  const lower = text.toLowerCase().replaceAll('_', ' ');
  let cat: Category = kind === 'alert' && /hotlist/.test(lower) ? 'vehicle' : 'other';
  if (cat === 'other') for (const [c, re] of PATTERNS) if (re.test(lower)) { cat = c; break; }
  if (cache.size > 5000) cache.clear();
  cache.set(text, cat);
  return cat;
}

/**
 * same: one situation can produce both (join within the pair window).
 * related: possible, but distance alone is not enough (join only at the same site: same address or a few metres).
 * none: never by place and time (only strong evidence: a CAD number, an EIDO incident id).
 */
export type Compatibility = 'same' | 'related' | 'none';

const RELATED: [Category, Category][] = [
  ['violence', 'medical'], ['violence', 'crime'], ['violence', 'vehicle'], ['violence', 'panic'],
  ['panic', 'medical'], ['panic', 'crime'],
  ['fire', 'medical'], ['fire', 'hazard'],
  ['traffic', 'medical'], ['traffic', 'vehicle'], ['traffic', 'fire'], ['traffic', 'hazard'],
  ['vehicle', 'crime'],
];
const relatedKey = new Set(RELATED.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));

export function compatibility(a: Category, b: Category): Compatibility {
  if (a === b) return 'same';
  // A gunshot detection and a "shots fired" call are the same; "violence" and "panic" (a panic button at the scene) too.
  if ((a === 'violence' && b === 'panic') || (a === 'panic' && b === 'violence')) return 'same';
  if (a === 'other' || b === 'other') return 'related';
  return relatedKey.has(`${a}|${b}`) ? 'related' : 'none';
}

/** Metres within which two reports are "at the same site" (same building or lot: across the street is not). */
export const SAME_SITE_M = 25;

export interface PairWindow {
  radiusM: number;
  windowMs: number;
}

const MIN = 60_000;

/**
 * How far and how long apart two kinds of report of one situation may be. Symmetric; a pair not listed never joins
 * by place and time. Gunshot locations are accurate to ~25 m but callers ring from up to a block or two away, later.
 */
const PAIRS: Partial<Record<`${EventKind}|${EventKind}`, PairWindow>> = {};
function pair(a: EventKind, b: EventKind, radiusM: number, minutes: number): void {
  PAIRS[`${a}|${b}`] = PAIRS[`${b}|${a}`] = { radiusM, windowMs: minutes * MIN };
}
pair('gunshot', 'gunshot', 500, 10);
pair('gunshot', 'call911', 400, 15);
pair('gunshot', 'cad', 400, 20);
pair('gunshot', 'sensor', 150, 10);
pair('call911', 'call911', 200, 30);
pair('call911', 'cad', 200, 30);
pair('call911', 'sensor', 100, 20);
pair('cad', 'sensor', 100, 30);
pair('sensor', 'sensor', 100, 15);
pair('alert', 'call911', 300, 15);
pair('alert', 'cad', 300, 20);

export function pairWindow(a: EventKind, b: EventKind): PairWindow | undefined {
  return PAIRS[`${a}|${b}`];
}

/** The kinds an event of `kind` may join by place and time, with their windows. */
export function partnersOf(kind: EventKind): { kind: EventKind; w: PairWindow }[] {
  const out: { kind: EventKind; w: PairWindow }[] = [];
  for (const k of ['gunshot', 'call911', 'cad', 'sensor', 'alert'] as const) {
    const w = pairWindow(kind, k);
    if (w) out.push({ kind: k, w });
  }
  return out;
}

const widest = new Map<EventKind, PairWindow>();
const partnerKinds = new Map<EventKind, ReadonlySet<EventKind>>();

/** The anchor kinds an event of `kind` may join (the grid query's filter rejects the rest before measuring). */
export function partnerKindSet(kind: EventKind): ReadonlySet<EventKind> {
  let set = partnerKinds.get(kind);
  if (!set) partnerKinds.set(kind, (set = new Set(partnersOf(kind).map((p) => p.kind))));
  return set;
}

/** Largest pair radius and window: one grid query covers every partner kind. */
export function widestPartnerWindow(kind: EventKind): PairWindow {
  const hit = widest.get(kind);
  if (hit) return hit;
  let radiusM = 0;
  let windowMs = 0;
  for (const { w } of partnersOf(kind)) {
    radiusM = Math.max(radiusM, w.radiusM);
    windowMs = Math.max(windowMs, w.windowMs);
  }
  widest.set(kind, { radiusM, windowMs });
  return { radiusM, windowMs };
}

/**
 * Street addresses compared loosely (case, punctuation). A block-level address ("100 Block of MARKET ST", as
 * published CAD data gives) is a street segment, not a site: it never counts as the same address.
 */
export function sameAddress(a: string | null, b: string | null): boolean {
  if (!a || !b || /\bBLOCK\b/i.test(a) || /\bBLOCK\b/i.test(b)) return false;
  const n = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const x = n(a);
  return x.length >= 4 && x === n(b);
}

/**
 * May an event of (kind, category, place) join an incident whose nearest report of `anchorKind` is `distanceM`
 * and `gapMs` away? Returns the rule that allowed it (for the reason text), or null.
 */
export function joinRule(
  evKind: EventKind, evCat: Category, anchorKind: EventKind, incCat: Category, distanceM: number, gapMs: number, sameSite: boolean,
): { compat: Compatibility; w: PairWindow } | null {
  const w = pairWindow(evKind, anchorKind);
  if (!w || gapMs > w.windowMs || distanceM > w.radiusM) return null;
  const compat = compatibility(evCat, incCat);
  if (compat === 'same') return { compat, w };
  if (compat === 'related' && (sameSite || distanceM <= SAME_SITE_M)) return { compat, w };
  return null;
}

export const CATEGORY_LABEL: Record<Category, string> = {
  violence: 'shooting/violence', panic: 'panic alarm', fire: 'fire', medical: 'medical', traffic: 'collision',
  vehicle: 'vehicle', crime: 'property crime', hazard: 'hazard', other: 'other',
};

/** Categories whose report, while recent, is a threat to life in progress. */
export const LIFE_THREAT: ReadonlySet<Category> = new Set<Category>(['violence', 'panic', 'fire']);
