import { describe, expect, it } from 'vitest';
import { describePurpose, rewindUrl, toPurposeParam, withPurpose } from '@/lib/search/purpose-client';

describe('search purpose, browser side', () => {
  it('builds only purposes the server accepts', () => {
    expect(toPurposeParam({ offense: 'robbery' })).toBe('offense:robbery');
    expect(toPurposeParam({ caseNumber: ' 2026-0012 ' })).toBe('case:2026-0012');
    expect(toPurposeParam({ offense: 'curiosity' })).toBeNull();
    expect(toPurposeParam({ caseNumber: 'x' })).toBeNull();
  });
  it('puts it on search and rewind URLs, and names it for people', () => {
    expect(withPurpose('/api/search/calls?phone=555', 'case:A-1/2')).toBe('/api/search/calls?phone=555&purpose=case%3AA-1%2F2');
    const url = new URL(rewindUrl(new Date('2026-11-25T10:00:00Z'), '2026-11-25T16:00:00.000Z', 'offense:missing_person'), 'http://x');
    expect(url.pathname).toBe('/api/search/rewind');
    expect(Object.fromEntries(url.searchParams)).toEqual({ from: '2026-11-25T10:00:00.000Z', to: '2026-11-25T16:00:00.000Z', purpose: 'offense:missing_person' });
    expect(describePurpose('offense:motor_vehicle_theft')).toBe('Motor vehicle theft');
    expect(describePurpose('case:2026-0012')).toBe('Case 2026-0012');
  });
});
