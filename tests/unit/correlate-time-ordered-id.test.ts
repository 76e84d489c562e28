import { describe, expect, it } from 'vitest';
import { uuidv7 } from '@/lib/correlate/time-ordered-id';

describe('incident ids (UUID v7)', () => {
  it('is a valid version-7 UUID carrying the time, so PostgreSQL accepts it as uuid', () => {
    const id = uuidv7(Date.parse('2026-11-25T12:00:00.000Z'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-11-25T12:00:00.000Z'));
  });

  it('sorts by creation time (the point: index inserts at the right-most pages), unique within a millisecond', () => {
    const t = Date.now();
    const ids = [uuidv7(t - 2), uuidv7(t - 1), uuidv7(t)];
    expect([...ids].sort()).toEqual(ids);
    const same = Array.from({ length: 1000 }, () => uuidv7(t));
    expect(new Set(same).size).toBe(1000);
  });
});
