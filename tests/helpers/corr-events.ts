import type { CorrEvent } from '@/lib/correlate/incident-state';

/** The agency, place and minute the correlator unit tests build their events around. */
export const A = 'agency-1';
export const MIN = 60_000;
export const P = { lat: 37.7749, lon: -122.4194 };
/** A point `m` metres north of P. */
export const north = (m: number) => ({ lat: P.lat + m / 110_574, lon: P.lon });

/**
 * Makes correlator events at `t0` and P, each with the next seq: the file's `defaults`, then the call's `over`.
 * `lastSeq()` is the seq of the latest one made.
 */
export function corrEventMaker(t0: number, defaults: Omit<CorrEvent, 'seq' | 'agencyId' | 'occurredAtMs' | 'lat' | 'lon' | 'payload'>) {
  let seq = 0n;
  const make = (over: Partial<CorrEvent>): CorrEvent => ({ seq: ++seq, agencyId: A, occurredAtMs: t0, ...P, payload: {}, ...defaults, ...over });
  return Object.assign(make, { lastSeq: () => seq });
}
