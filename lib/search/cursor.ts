import { AppError } from '@/lib/platform/errors/app-error';

/**
 * Keyset cursor over (occurred_at DESC, seq DESC): newest first is how investigators read a time window, and seq
 * breaks ties, so a page boundary never skips or repeats a row even while new events arrive.
 */
export interface Cursor {
  occurredAt: string;
  seq: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.occurredAt}|${c.seq}`, 'utf8').toString('base64url');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function decodeCursor(raw: string): Cursor {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const [occurredAt, seq, extra] = text.split('|');
  // Only the exact form encodeCursor writes (an ISO instant PostgreSQL reads as it is): anything else is crafted.
  const at = occurredAt && ISO_INSTANT.test(occurredAt) ? new Date(occurredAt) : null;
  if (!at || Number.isNaN(at.getTime()) || at.toISOString() !== occurredAt || !seq || !/^\d{1,19}$/.test(seq) || extra !== undefined) {
    throw new AppError('BAD_REQUEST', 'Invalid cursor', [{ path: 'cursor', message: 'not a cursor returned by search' }]);
  }
  return { occurredAt, seq };
}
