import { describe, expect, it } from 'vitest';
import { canonicalJson, custodyHash, GENESIS_HASH } from '@/lib/evidence/custody-hash';
import { csvCell } from '@/lib/search/export-events-csv';
import { parseSearchParams } from '@/lib/search/parse-search-params';

const row = { caseId: 'c', itemId: null, actor: 'user:1', actorName: 'Det. A', action: 'added', at: '2026-11-25T10:00:00.000Z', ip: '10.0.0.1', details: { b: 1, a: [2, { d: 1, c: 2 }] } };

describe('custody hash', () => {
  it('is stable under key order and changes with any field', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
    const h = custodyHash(GENESIS_HASH, row);
    expect(custodyHash(GENESIS_HASH, { ...row, details: { a: [2, { c: 2, d: 1 }], b: 1 } })).toBe(h);
    expect(custodyHash(GENESIS_HASH, { ...row, ip: '10.0.0.2' })).not.toBe(h);
    expect(custodyHash('1'.repeat(64), row)).not.toBe(h);
  });
});

describe('search input', () => {
  it('parses a box search and names bad fields', () => {
    const q = parseSearchParams(new URLSearchParams('from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&bbox=-122.5,37.7,-122.4,37.8&kinds=cad,lpr'));
    expect(q).toMatchObject({ bbox: [-122.5, 37.7, -122.4, 37.8], kinds: ['cad', 'lpr'], limit: 100 });
    expect(() => parseSearchParams(new URLSearchParams('from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&bbox=1,2,3'))).toThrow(/bbox/);
    expect(() => parseSearchParams(new URLSearchParams('from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z'))).toThrow(/from must be before to/);
  });

  it('defuses spreadsheet formulas in CSV cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-122.4)).toBe('-122.4');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});
