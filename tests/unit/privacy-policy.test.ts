import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/domain/roles';
import { MASK, maskEventForRole } from '@/lib/policy/mask-event';
import { purposeLabel, requireSearchPurpose } from '@/lib/policy/search-purpose';
import { AppError } from '@/lib/platform/errors/app-error';

describe('maskEventForRole', () => {
  const ev = { seq: '1', payload: { callerName: 'Jane Roe', callerNumber: '+14155550100', nature: 'Fire', callerLocation: '1 Main St', units: ['E1'] } };
  it('hides caller name and number from partner viewers and wall devices only', () => {
    for (const role of ROLES) {
      const out = maskEventForRole(ev, role);
      const hidden = role === 'partner_viewer' || role === 'wall_device';
      expect(out.payload.callerName, role).toBe(hidden ? MASK : 'Jane Roe');
      expect(out.payload.callerNumber, role).toBe(hidden ? MASK : '+14155550100');
      expect(out.payload.nature).toBe('Fire');
      expect(out.payload.units).toEqual(['E1']);
    }
    expect(ev.payload.callerName).toBe('Jane Roe'); // the input is not changed
    expect(maskEventForRole({ payload: null }, 'wall_device')).toEqual({ payload: null });
  });
});

describe('purpose-bound search', () => {
  it('refuses a search without a purpose, naming the field', () => {
    for (const raw of [undefined, '', null]) {
      const err = (() => {
        try {
          requireSearchPurpose(raw);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('BAD_REQUEST');
      expect((err as AppError).issues[0]?.path).toBe('purpose');
    }
    expect(() => requireSearchPurpose('offense:curiosity')).toThrow(/Invalid search purpose/);
    expect(() => requireSearchPurpose('case:')).toThrow(/Invalid search purpose/);
    expect(() => requireSearchPurpose('because')).toThrow(/Invalid search purpose/);
  });
  it('accepts a case number or an offense type from the standard list', () => {
    expect(purposeLabel(requireSearchPurpose('case:2026-001234'))).toBe('case:2026-001234');
    expect(purposeLabel(requireSearchPurpose('offense:burglary'))).toBe('offense:burglary');
    expect(purposeLabel(requireSearchPurpose({ kind: 'offense', offense: 'missing_person' }))).toBe('offense:missing_person');
  });
});
