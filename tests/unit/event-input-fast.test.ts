import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZEventBatch, ZEventInput } from '@/lib/domain/event';
import { fastEventInput, parseEventBatch } from '@/lib/domain/event-input-fast';
import { parseSfFireCad } from '@/lib/ingest/adapters/sf-fire-cad';

const base = {
  externalId: 'cad-1', kind: 'cad', typeCode: 'FIRE', occurredAt: '2026-11-26T01:00:00.000Z', lat: 37.77, lon: -122.42,
  priority: 2, title: 'Structure fire', address: '100 Block of MARKET ST', payload: { incidentNumber: '16146990' },
};

// Values tried in every field: each event below is `base` with one field replaced (or removed).
const VALUES: unknown[] = [
  undefined, null, '', ' ', '  padded  ', 'x', 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(300),
  ` ${'x'.repeat(300)} `, 'x'.repeat(301), 'cad', 'drone', 'toString', 0, 1, 2.5, 5, 6, -1, 90, 90.0001, -90, 180, -180.5, Number.NaN,
  Number.POSITIVE_INFINITY, 1e308, true, [], [1], {}, { a: 1 }, { ['k'.repeat(201)]: 1 }, JSON.parse('{"__proto__": {"x": 1}}'), new Date(0),
  '2026-11-26T01:00:00Z', '2026-11-26T01:00:00.123456789+05:30', '2026-11-26T01:00:00', '2026-11-26 01:00:00Z', '2026-02-29T00:00:00Z',
  '2028-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-26T24:00:00Z', '2026-11-26T01:00:00+24:00', '2026-11-26',
];
const FIELDS = [...Object.keys(base), 'extra'];
const cases: unknown[] = [base, { ...base, title: undefined, address: undefined, payload: undefined, lat: undefined, lon: undefined, priority: undefined }];
for (const field of FIELDS) {
  for (const value of VALUES) {
    const e: Record<string, unknown> = { ...base, [field]: value };
    if (value === undefined) delete e[field];
    cases.push(e);
  }
}
cases.push(null, [], 'event', 42, Object.assign(Object.create(null), base));

describe('fastEventInput', () => {
  it(`agrees with ZEventInput on ${cases.length} generated events: same output, or it defers (null)`, () => {
    let taken = 0;
    let zodValid = 0;
    for (const c of cases) {
      const fast = fastEventInput(c);
      const slow = ZEventInput.safeParse(c);
      if (slow.success) zodValid++;
      if (fast === null) continue;
      taken++;
      expect(slow.success, JSON.stringify(c)).toBe(true);
      expect(fast).toStrictEqual(slow.data);
    }
    // The fast path must be the usual path, not a branch that never runs.
    expect(zodValid).toBeGreaterThan(50);
    expect(taken).toBeGreaterThanOrEqual(zodValid - 5);
  });

  it('takes every event of the real SF CAD sample', () => {
    const events = parseSfFireCad(fs.readFileSync('prisma/seed/data/sf-fire-cad-2016-12-31-week.csv', 'utf8')).slice(0, 2000);
    const wire = JSON.parse(JSON.stringify(events)) as unknown[];
    for (const e of wire) expect(fastEventInput(e)).toStrictEqual(ZEventInput.parse(e));
  });
});

describe('parseEventBatch', () => {
  it('returns what ZEventBatch returns, and zod\'s error naming the field when a batch is refused', () => {
    const ok = parseEventBatch({ events: [base, { ...base, externalId: 'cad-2' }] });
    expect(ok).toEqual(ZEventBatch.safeParse({ events: [base, { ...base, externalId: 'cad-2' }] }));
    const bad = parseEventBatch({ events: [base, { ...base, lat: 91 }] });
    expect(bad.success).toBe(false);
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual(['events.1.lat']);
    for (const body of [{ events: [] }, { events: [base], more: 1 }, { events: Array(1001).fill(base) }, null, []]) {
      expect(parseEventBatch(body).success).toBe(false);
    }
  });
});
