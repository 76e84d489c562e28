import { MAX_PERIOD_HOURS, type PeriodQuery } from '@/lib/domain/dashboard';
import { AppError } from '@/lib/platform/errors/app-error';

export interface Period {
  from: Date;
  to: Date;
}

const HOUR = 3_600_000;
/** A live dashboard shows a shift by default. */
export const DEFAULT_HOURS = 12;

/**
 * `hours`: the current hour and the `hours − 1` whole hours before it (hour buckets line up with the clock);
 * `from`/`to`: exactly that span (a shift report for 07:00–19:00). 400 naming the field when it is backwards or
 * longer than a month.
 */
export function resolvePeriod(q: PeriodQuery, now: Date = new Date()): Period {
  if (q.from) {
    const from = new Date(q.from);
    const to = q.to ? new Date(q.to) : now;
    if (to <= from) throw new AppError('BAD_REQUEST', 'to: must be after from', [{ path: 'to', message: 'must be after from' }]);
    if (to.getTime() - from.getTime() > MAX_PERIOD_HOURS * HOUR) {
      throw new AppError('BAD_REQUEST', `to: a period is at most ${MAX_PERIOD_HOURS / 24} days`, [{ path: 'to', message: 'period too long' }]);
    }
    return { from, to };
  }
  const to = q.to ? new Date(q.to) : now;
  const hours = q.hours ?? DEFAULT_HOURS;
  const from = new Date(Math.floor(to.getTime() / HOUR) * HOUR - (hours - 1) * HOUR);
  return { from, to };
}

/** Hour buckets of a period (the last one may be partial). */
export function hourBuckets(p: Period): number {
  return Math.max(1, Math.ceil((p.to.getTime() - p.from.getTime()) / HOUR));
}
